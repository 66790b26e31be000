package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CentreCrlHttp.certificate;
import static jp.mynacard.jlis.crl.CentreCrlHttp.crl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.distributionPoint;
import static jp.mynacard.jlis.crl.CentreCrlHttp.idp;
import static jp.mynacard.jlis.crl.CentreCrlHttp.idpUrl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.issue;
import static jp.mynacard.jlis.crl.CentreCrlHttp.jdkCrl;
import static jp.mynacard.jlis.crl.CentreCrlHttp.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A centre started with {@code --indirect-crl}: one CRL of both CAs, from the JPKI CRL Issuer. */
class IndirectCrlCentreTest {
    private static final X500Name ISSUER = new X500Name("C=JP, O=JPKI, OU=JPKI CRL Issuer");

    @TempDir
    static Path dir;
    private static Centre centre;
    private static PublicationPoints points;
    private static final Map<CertificateUsage, X509Certificate> revoked = new EnumMap<>(CertificateUsage.class);
    private static final Map<CertificateUsage, X509Certificate> good = new EnumMap<>(CertificateUsage.class);

    @BeforeAll
    static void start() throws Exception {
        centre = Centre.start(CentreCrlHttp.configuration(dir, new CrlProfile(1, CrlSignerMode.CA, true)));
        points = centre.publicationPoints();
        for (CertificateUsage usage : CertificateUsage.values()) {
            good.put(usage, issue(centre, usage));
            X509Certificate lost = issue(centre, usage);
            centre.administration().revoke(lost.getSerialNumber(), Optional.of(usage), RevocationReason.KEY_COMPROMISE, null);
            revoked.put(usage, lost);
        }
        centre.administration().publishCrls();
    }

    @AfterAll
    static void stop() {
        centre.close();
    }

    @Test
    void theIndirectCrlListsBothCasCertificatesEachWithItsIssuer() throws Exception {
        X509CRLHolder crl = crl(points.indirectCrl());
        assertEquals(ISSUER, crl.getIssuer());
        for (CertificateUsage usage : CertificateUsage.values()) {
            X509CRLEntryHolder entry = crl.getRevokedCertificate(revoked.get(usage).getSerialNumber());
            assertNotNull(entry, usage + " certificate missing");
            assertEquals(new GeneralNames(new GeneralName(usage.caName())), entry.getCertificateIssuer(), usage.toString());
            assertNull(crl.getRevokedCertificate(good.get(usage).getSerialNumber()));
        }
        boolean[] criticalSeen = {false};
        for (Object each : crl.getRevokedCertificates()) {
            Extension issuer = ((X509CRLEntryHolder) each).getExtension(Extension.certificateIssuer);
            if (issuer != null) {
                assertTrue(issuer.isCritical(), "certificateIssuer must be critical");
                criticalSeen[0] = true;
            }
        }
        assertTrue(criticalSeen[0]);
    }

    @Test
    void theIndirectCrlsIdpSaysIndirectAndUserCertificatesOnly() throws Exception {
        X509CRLHolder crl = crl(points.indirectCrl());
        assertTrue(points.indirectCrl().toString().endsWith("/crl/jpki-indirect.crl"));
        IssuingDistributionPoint idp = idp(crl);
        assertEquals(points.indirectCrl().toString(), idpUrl(crl));
        assertTrue(idp.isIndirectCRL());
        assertTrue(idp.onlyContainsUserCerts());
        AccessDescription[] aia = AuthorityInformationAccess.fromExtensions(crl.getExtensions()).getAccessDescriptions();
        assertEquals(List.of(points.caCertificates(CertificateUsage.SIGNATURE).toString(),
                points.caCertificates(CertificateUsage.USER_AUTHENTICATION).toString()),
                List.of(aia[0].getAccessLocation().getName().toString(), aia[1].getAccessLocation().getName().toString()));
    }

    @Test
    void theIssuerIsCertifiedByEachCaAndItsKeySignsTheCrl() throws Exception {
        X509CRLHolder crl = crl(points.indirectCrl());
        for (CertificateUsage usage : CertificateUsage.values()) {
            X509Certificate ca = certificate(points.caCertificate(usage));
            X509Certificate issuer = certificate(points.crlIssuerCertificate(usage));
            assertEquals(ISSUER, new X500Name(issuer.getSubjectX500Principal().getName()));
            assertEquals(ca.getSubjectX500Principal(), issuer.getIssuerX500Principal());
            issuer.verify(ca.getPublicKey());
            assertTrue(issuer.getKeyUsage()[6], "cRLSign");
            assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer)));
            assertFalse(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca)));
        }
    }

    @Test
    void holderCertificatesNameTheIndirectCrlAndItsIssuer() {
        for (CertificateUsage usage : CertificateUsage.values()) {
            DistributionPoint point = distributionPoint(good.get(usage));
            assertEquals(points.indirectCrl().toString(),
                    uri(GeneralNames.getInstance(point.getDistributionPoint().getName())));
            assertEquals(new GeneralNames(new GeneralName(ISSUER)), point.getCRLIssuer());
        }
    }

    @Test
    void theJdksPkixAcceptsTheGoodCertificatesAndRefusesTheRevokedOnesOnTheIndirectCrl() throws Exception {
        for (CertificateUsage usage : CertificateUsage.values()) {
            validateWithJdk(usage, good.get(usage));
            CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                    () -> validateWithJdk(usage, revoked.get(usage)));
            assertEquals(CertPathValidatorException.BasicReason.REVOKED, refused.getReason(), refused.getMessage());
        }
    }

    private static void validateWithJdk(CertificateUsage usage, X509Certificate certificate) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(certificate(points.caCertificate(usage)), null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertPathChecker(checker);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(
                jdkCrl(points.indirectCrl()), jdkCrl(points.infrastructureCrl(usage)),
                certificate(points.crlIssuerCertificate(usage))))));
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }
}
