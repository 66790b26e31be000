package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CentreCrlHttp.cdpUrl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.certificate;
import static jp.mynacard.jlis.crl.CentreCrlHttp.crl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.idp;
import static jp.mynacard.jlis.crl.CentreCrlHttp.idpUrl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.issue;
import static jp.mynacard.jlis.crl.CentreCrlHttp.jdkCrl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.serials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.KeyIdentifier;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A centre started with {@code --crl-partitions 3 --crl-signer separate}, read over HTTP as a
 * relying party reads it; the JDK's own PKIX (which implements the issuingDistributionPoint and
 * CRLs signed by a separate key) is the independent check.
 */
class PartitionedSeparateSignerCentreTest {
    private static final int PARTITIONS = 3;
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;

    @TempDir
    static Path dir;
    private static Centre centre;
    private static PublicationPoints points;
    private static X509Certificate ca;
    private static final List<X509Certificate> issued = new ArrayList<>();
    private static X509Certificate revoked;

    @BeforeAll
    static void start() throws Exception {
        centre = Centre.start(CentreCrlHttp.configuration(dir, new CrlProfile(PARTITIONS, CrlSignerMode.SEPARATE, false)));
        points = centre.publicationPoints();
        ca = certificate(points.caCertificate(USAGE));
        // serials are random: issue until every partition has a certificate
        while (issued.stream().map(c -> points.partitionOf(c.getSerialNumber())).distinct().count() < PARTITIONS) {
            issued.add(issue(centre, USAGE));
        }
        revoked = issued.get(0);
        centre.administration().revoke(revoked.getSerialNumber(), Optional.of(USAGE), RevocationReason.KEY_COMPROMISE, null);
        centre.administration().publishCrls();
    }

    @AfterAll
    static void stop() {
        centre.close();
    }

    @Test
    void everyPartitionCrlCarriesACriticalIdpNamingItselfForUserCertificatesOnly() throws Exception {
        for (CertificateUsage usage : CertificateUsage.values()) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                URI full = points.crl(usage, partition);
                assertTrue(full.toString().endsWith("/crl/" + usage.shortName() + "-p" + partition + ".crl"), full.toString());
                for (URI published : List.of(full, points.deltaCrl(usage, partition))) {
                    X509CRLHolder crl = crl(published);
                    IssuingDistributionPoint idp = idp(crl);
                    // the delta carries the same IDP as the complete CRL it extends
                    assertEquals(full.toString(), idpUrl(crl), published.toString());
                    assertTrue(idp.onlyContainsUserCerts());
                    assertFalse(idp.onlyContainsCACerts());
                    assertFalse(idp.isIndirectCRL());
                    assertNull(idp.getOnlySomeReasons());
                }
            }
        }
    }

    @Test
    void aRevokedCertificateIsOnlyOnItsPartitionWhichItsCdpNames() throws Exception {
        int home = points.partitionOf(revoked.getSerialNumber());
        assertEquals(points.crl(USAGE, home).toString(), cdpUrl(revoked));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            List<BigInteger> listed = serials(crl(points.crl(USAGE, partition)));
            assertEquals(partition == home, listed.contains(revoked.getSerialNumber()), "partition " + partition);
        }
        for (X509Certificate certificate : issued) {
            assertEquals(points.crl(USAGE, points.partitionOf(certificate.getSerialNumber())).toString(), cdpUrl(certificate));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCertificateRevokedLaterAppearsInItsPartitionsDeltaOnly() throws Exception {
        X509Certificate late = issue(centre, USAGE);
        centre.administration().revoke(late.getSerialNumber(), Optional.of(USAGE), RevocationReason.AFFILIATION_CHANGED, null);
        int home = points.partitionOf(late.getSerialNumber());
        // the schedule publishes a delta every 300 ms: wait for the one that lists it
        while (!serials(crl(points.deltaCrl(USAGE, home))).contains(late.getSerialNumber())) {
            Thread.onSpinWait();
        }
        for (int partition = 0; partition < PARTITIONS; partition++) {
            if (partition != home) {
                assertFalse(serials(crl(points.deltaCrl(USAGE, partition))).contains(late.getSerialNumber()));
            }
        }
    }

    @Test
    void theSeparateSignerHasTheCaNameItsOwnKeyCrlSignOnlyAndIsCertifiedByTheCa() throws Exception {
        X509Certificate signer = certificate(points.crlSignerCertificate(USAGE));
        assertEquals(ca.getSubjectX500Principal(), signer.getSubjectX500Principal());
        assertEquals(ca.getSubjectX500Principal(), signer.getIssuerX500Principal());
        assertFalse(java.util.Arrays.equals(ca.getPublicKey().getEncoded(), signer.getPublicKey().getEncoded()));
        signer.verify(ca.getPublicKey());
        boolean[] keyUsage = signer.getKeyUsage();
        for (int bit = 0; bit < keyUsage.length; bit++) {
            assertEquals(bit == 6, keyUsage[bit], "keyUsage bit " + bit + ": cRLSign (6) only");
        }
        assertTrue(signer.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(-1, signer.getBasicConstraints(), "not a CA");
        assertArrayEquals(KeyIdentifier.of(ca), authorityKeyId(signer.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        assertEquals(points.infrastructureCrl(USAGE).toString(), cdpUrl(signer));
        assertEquals(signer, certificate(URI.create(points.base() + "ca/sign-crl-signer.pem")), "PEM and DER the same");
    }

    @Test
    void theHolderCrlVerifiesWithTheSignerNotWithTheCaKeyAndPointsToTheSigner() throws Exception {
        X509Certificate signer = certificate(points.crlSignerCertificate(USAGE));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            X509CRLHolder crl = crl(points.crl(USAGE, partition));
            assertEquals(new X500Name(ca.getSubjectX500Principal().getName()), crl.getIssuer());
            assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer)));
            assertFalse(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca)),
                    "the CA key must not be what signs the holder CRLs");
            assertArrayEquals(KeyIdentifier.of(signer), AuthorityKeyIdentifier.fromExtensions(crl.getExtensions())
                    .getKeyIdentifier());
            AccessDescription[] aia = AuthorityInformationAccess.fromExtensions(crl.getExtensions()).getAccessDescriptions();
            assertEquals(1, aia.length);
            assertEquals(AccessDescription.id_ad_caIssuers, aia[0].getAccessMethod());
            assertEquals(points.caCertificates(USAGE).toString(), aia[0].getAccessLocation().getName().toString());
            // the certs-only bundle caIssuers names holds the signer's certificate
            assertTrue(java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(
                    points.caCertificates(USAGE).toURL().openStream()).contains(signer), "the bundle holds the CRL signer");
        }
    }

    @Test
    void theInfrastructureCrlIsSignedByTheCaKeyAndScopedToItself() throws Exception {
        X509CRLHolder crl = crl(points.infrastructureCrl(USAGE));
        assertTrue(points.infrastructureCrl(USAGE).toString().endsWith("/crl/sign-ca.crl"));
        assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca)));
        assertEquals(points.infrastructureCrl(USAGE).toString(), idpUrl(crl));
        IssuingDistributionPoint idp = idp(crl);
        assertFalse(idp.onlyContainsUserCerts());
        assertFalse(idp.onlyContainsCACerts());
        assertFalse(idp.isIndirectCRL());
        assertTrue(serials(crl).isEmpty(), "the registry keeps no infrastructure certificates");
        assertEquals(points.caCertificates(USAGE).toString(), AuthorityInformationAccess.fromExtensions(crl.getExtensions())
                .getAccessDescriptions()[0].getAccessLocation().getName().toString());
    }

    @Test
    void theJdksPkixAcceptsTheGoodCertificateAndRefusesTheRevokedOne() throws Exception {
        for (X509Certificate certificate : issued) {
            if (certificate.equals(revoked)) {
                CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                        () -> validateWithJdk(certificate));
                assertEquals(CertPathValidatorException.BasicReason.REVOKED, refused.getReason(), refused.getMessage());
            } else {
                validateWithJdk(certificate);
            }
        }
    }

    @Test
    void unknownNamesAre404AndTheIndirectIssuerIsAbsent() throws Exception {
        assertEquals(404, CentreCrlHttp.get(URI.create(points.base() + "crl/sign-p.crl")).statusCode());
        assertEquals(404, CentreCrlHttp.get(URI.create(points.base() + "crl/jpki-indirect.crl")).statusCode(),
                "not published without --indirect-crl");
        assertEquals(404, CentreCrlHttp.get(points.crlIssuerCertificate(USAGE)).statusCode());
        assertEquals(404, CentreCrlHttp.get(URI.create(points.base() + "crl/sign.crl")).statusCode(),
                "partitioned: no unpartitioned CRL");
    }

    /** What the JDK decides with only CRLs (its OCSP off) from the certificate's partition and the infrastructure CRL. */
    private static void validateWithJdk(X509Certificate certificate) throws Exception {
        int partition = points.partitionOf(certificate.getSerialNumber());
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertPathChecker(checker);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(
                jdkCrl(points.crl(USAGE, partition)), jdkCrl(points.infrastructureCrl(USAGE)),
                certificate(points.crlSignerCertificate(USAGE))))));
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    private static byte[] authorityKeyId(byte[] extension) {
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }
}
