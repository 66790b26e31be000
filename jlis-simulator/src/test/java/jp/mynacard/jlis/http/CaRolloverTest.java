package jp.mynacard.jlis.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.jlis.client.NewCaGeneration;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA rollover through the running centre's HTTP: the new generation issues and signs the CRLs,
 * the old one's certificates stay good and checkable, both generations' certificates validate
 * from either generation as trust anchor with the right link, and a restart finds it all again.
 */
class CaRolloverTest {
    private static final BasicAttributes HANAKO = new BasicAttributes("番号　花子", LocalDate.of(1989, 3, 31), Sex.FEMALE,
            "東京都千代田区霞が関二丁目１番２号");
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);
    private static PublicKey holderKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void holderKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        holderKey = generator.generateKeyPair().getPublic();
    }

    @Test
    void afterARolloverBothGenerationsValidateAnswerAndSurviveARestart() throws Exception {
        X509Certificate before;
        X509Certificate after;
        X509Certificate first;
        X509Certificate second;
        X509Certificate newWithOld;
        X509Certificate oldWithNew;
        byte[] authBefore;
        byte[] linksPem;
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            first = certificate(client.authorityCertificate("sign", false));
            authBefore = client.authorityCertificate("auth", true);
            assertArrayEquals(first.getEncoded(), client.authorityCertificate("sign", 1, true), "/ca/sign-g1.der");
            assertEquals("", new String(client.linkCertificates("sign"), StandardCharsets.US_ASCII), "no links before a rollover");
            before = issue(client, "sign");

            NewCaGeneration rolled = client.rollover("sign");

            assertEquals("sign", rolled.type());
            assertEquals(2, rolled.generation());
            second = certificate(rolled.certificatePem().getBytes(StandardCharsets.US_ASCII));
            assertEquals(first.getSubjectX500Principal(), second.getSubjectX500Principal(), "one name for every generation");
            assertFalse(first.getPublicKey().equals(second.getPublicKey()), "a new key");
            second.verify(second.getPublicKey());
            assertArrayEquals(second.getEncoded(), client.authorityCertificate("sign", true), "/ca/sign.der is the current one");
            assertArrayEquals(second.getEncoded(), client.authorityCertificate("sign", 2, true));
            assertArrayEquals(first.getEncoded(), client.authorityCertificate("sign", 1, true), "the old generation is kept");

            linksPem = client.linkCertificates("sign");
            List<X509Certificate> links = certificates(linksPem);
            assertEquals(2, links.size(), "new-with-old and old-with-new");
            assertEquals(certificates(String.join("", rolled.linkPems()).getBytes(StandardCharsets.US_ASCII)), links);
            newWithOld = links.get(0);
            oldWithNew = links.get(1);
            assertLink(newWithOld, second, first, centre.uri());
            assertLink(oldWithNew, first, second, centre.uri());

            // the CRLs were published at once, by the new key; the other CA's by its own unchanged key
            crl(client.crl("sign", false)).verify(second.getPublicKey());
            crl(client.crl("sign", true)).verify(second.getPublicKey());
            crl(client.crl("auth", false)).verify(certificate(authBefore).getPublicKey());

            after = issue(client, "sign");
            assertArrayEquals(keyIdentifier(second), authorityKeyIdentifier(after), "the new certificate's AKI names the new key");
            assertArrayEquals(keyIdentifier(first), authorityKeyIdentifier(before));
            after.verify(second.getPublicKey());
            assertEquals(centre.uri().resolve("ca/sign-all.p7c").toString(), caIssuers(after));
            assertEquals(caIssuers(after), caIssuers(before));
            // a certs-only bundle of every generation and link: a path from either anchor is in it
            java.util.Collection<? extends java.security.cert.Certificate> bundle = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(get(URI.create(caIssuers(after)))));
            assertTrue(bundle.contains(first) && bundle.contains(second), "caIssuers serves both generations");
            assertEquals(4, bundle.size(), "two generations and their two links");

            // either generation as the only trust anchor, with the link that reaches the other
            validates(before, List.of(), first);
            validates(after, List.of(), second);
            validates(after, List.of(newWithOld), first);
            validates(before, List.of(oldWithNew), second);
            assertThrows(CertPathValidatorException.class, () -> validates(after, List.of(), first),
                    "without the link the old generation cannot vouch for the new one's certificate");
            assertThrows(CertPathValidatorException.class, () -> validates(before, List.of(newWithOld), second),
                    "the wrong link does not reach the old key");

            // OCSP: each generation's certificate good, signed by a responder that generation certified
            assertNull(ocsp(client, before, first, second).getCertStatus());
            assertNull(ocsp(client, after, second, first).getCertStatus());

            // the other CA is untouched
            assertArrayEquals(authBefore, client.authorityCertificate("auth", true));
            assertEquals("", new String(client.linkCertificates("auth"), StandardCharsets.US_ASCII));
            CentreException noSecond = assertThrows(CentreException.class, () -> client.authorityCertificate("auth", 2, true));
            assertEquals(404, noSecond.status());

            // revoking the old generation's certificate after the rollover
            client.revoke(AdminEndpoint.hex(before.getSerialNumber()), "keyCompromise", "sign");
            assertInstanceOf(RevokedStatus.class, ocsp(client, before, first, second).getCertStatus());
            client.publishCrls();
            X509CRL crl = crl(client.crl("sign", false));
            crl.verify(second.getPublicKey());
            assertNotNull(crl.getRevokedCertificate(before.getSerialNumber()), "the new key's CRL lists the old generation's");
            assertNull(crl.getRevokedCertificate(after.getSerialNumber()));
        }

        try (Centre restarted = Centre.start(CentreConfiguration.embedded(dir))) {
            CentreClient client = new CentreClient(restarted.uri(), null);
            assertArrayEquals(second.getEncoded(), client.authorityCertificate("sign", true), "still current after a restart");
            assertArrayEquals(first.getEncoded(), client.authorityCertificate("sign", 1, true));
            assertArrayEquals(linksPem, client.linkCertificates("sign"), "the same links after a restart");
            assertEquals(List.of(first, second, newWithOld, oldWithNew), certificates(client.everyAuthorityCertificate("sign")),
                    "/ca/sign-all.pem: every generation, each followed by its rollover's links");
            assertArrayEquals(authBefore, client.authorityCertificate("auth", true));
            X509Certificate afterRestart = issue(client, "sign");
            assertArrayEquals(keyIdentifier(second), authorityKeyIdentifier(afterRestart));
            assertInstanceOf(RevokedStatus.class, ocsp(client, before, first, second).getCertStatus());
            assertNull(ocsp(client, after, second, first).getCertStatus());

            NewCaGeneration third = client.rollover("sign");
            assertEquals(3, third.generation());
            assertEquals(4, certificates(client.linkCertificates("sign")).size());
            X509Certificate thirdCa = certificate(third.certificatePem().getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(keyIdentifier(thirdCa), authorityKeyIdentifier(issue(client, "sign")));
            assertNull(ocsp(client, afterRestart, second, thirdCa).getCertStatus(), "generation 2 is still answered for");
        }
    }

    @Test
    void rolloverOfAnUnknownCaIsRefused() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            CentreException refused = assertThrows(CentreException.class, () -> client.rollover("card-data"));
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("auth or sign"), refused.getMessage());
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    centre.uri().resolve("admin/ca/sign/rollover")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals(1, certificates(client.everyAuthorityCertificate("sign")).size(), "nothing rolled over");
        }
    }

    private static X509Certificate issue(CentreClient client, String type) throws Exception {
        return certificate(client.issue(type, holderKey, HANAKO, CARD_EXPIRY).der());
    }

    /**
     * Asks OCSP about {@code certificate} naming its issuing generation {@code issuer}; checks the
     * response's signature and that the responder was certified by that generation's key, not by {@code other}'s.
     */
    private static SingleResp ocsp(CentreClient client, X509Certificate certificate, X509Certificate issuer,
                                   X509Certificate other) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
        OCSPResp response = new OCSPResp(client.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        X509CertificateHolder responder = basic.getCerts()[0];
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)), "response signature");
        assertTrue(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())),
                "the responder is certified by the generation that issued the certificate");
        assertFalse(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(other.getPublicKey())));
        SingleResp single = basic.getResponses()[0];
        assertEquals(id, single.getCertID());
        return single;
    }

    private static void assertLink(X509Certificate link, X509Certificate subjectCa, X509Certificate issuerCa, URI centre)
            throws Exception {
        assertEquals(subjectCa.getPublicKey(), link.getPublicKey());
        link.verify(issuerCa.getPublicKey());
        assertArrayEquals(keyIdentifier(subjectCa), keyIdentifier(link), "SKI of the key it certifies");
        assertArrayEquals(keyIdentifier(issuerCa), authorityKeyIdentifier(link), "AKI of the key that signed it");
        assertEquals(Integer.MAX_VALUE, link.getBasicConstraints(), "CA:true");
        boolean[] usage = link.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign, cRLSign");
        assertFalse(usage[0], "nothing but certificates and CRLs");
        assertFalse(link.getNotAfter().after(issuerCa.getNotAfter()), "never beyond the signing key's CA certificate");
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                link.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        GeneralName name = org.bouncycastle.asn1.x509.GeneralNames.getInstance(
                points.getDistributionPoints()[0].getDistributionPoint().getName()).getNames()[0];
        assertEquals(centre.resolve("crl/sign-ca.crl").toString(), name.getName().toString());
    }

    private static void validates(X509Certificate leaf, List<X509Certificate> links, X509Certificate anchor)
            throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        path.addAll(links);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                parameters);
    }

    private static byte[] keyIdentifier(X509Certificate certificate) {
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        assertNotNull(extension, "authorityKeyIdentifier");
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        assertNull(aki.getAuthorityCertSerialNumber(), "the key identifier alone: the path may reach the key through a link");
        return aki.getKeyIdentifier();
    }

    private static String caIssuers(X509Certificate certificate) {
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        String found = null;
        boolean ocsp = false;
        for (AccessDescription description : access.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
                found = description.getAccessLocation().getName().toString();
            }
            ocsp |= description.getAccessMethod().equals(AccessDescription.id_ad_ocsp);
        }
        assertTrue(ocsp, "the OCSP access method stays");
        assertNotNull(found, "caIssuers");
        return found;
    }

    private static byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static X509Certificate certificate(byte[] encoded) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static List<X509Certificate> certificates(byte[] pem) throws Exception {
        List<X509Certificate> all = new ArrayList<>();
        for (java.security.cert.Certificate certificate
                : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            all.add((X509Certificate) certificate);
        }
        return all;
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}
