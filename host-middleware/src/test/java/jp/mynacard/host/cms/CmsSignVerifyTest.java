package jp.mynacard.host.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

class CmsSignVerifyTest {
    private static final TestPki PKI = new TestPki("Test Sign CA");
    private static final TestPki OTHER = new TestPki("Other CA");
    private static final byte[] CONTENT = "契約書 v1\n".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static byte[] sign(boolean detached) throws Exception {
        return new CardCmsSigner(PKI.ee, List.of(PKI.ca), PKI.eeSigner()).sign(CONTENT, detached, AT);
    }

    @Test
    void encapsulatedCarriesTheAttributesAndBothCertificates() throws Exception {
        CMSSignedData signed = new CMSSignedData(sign(false));
        assertEquals(2, signed.getCertificates().getMatches(null).size());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertEquals("2.16.840.1.101.3.4.2.1", signer.getDigestAlgOID());
        for (var type : List.of(CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.signingTime,
                PKCSObjectIdentifiers.id_aa_signingCertificateV2)) {
            assertTrue(signer.getSignedAttributes().get(type) != null, "signed attribute " + type);
        }
        CmsVerifier.Result result = new CmsVerifier(List.of(PKI.ca), false).verify(sign(false), null);
        assertTrue(result.valid(), result.reason());
        assertEquals("山田 太郎", result.signerName());
        assertEquals(AT, result.signingTime().orElseThrow());
    }

    @Test
    void detachedNeedsTheContentAndNoticesAlteredContent() throws Exception {
        byte[] p7s = sign(true);
        CmsVerifier verifier = new CmsVerifier(List.of(PKI.ca), false);
        assertTrue(verifier.verify(p7s, CONTENT).valid(), verifier.verify(p7s, CONTENT).reason());
        CmsVerifier.Result missing = verifier.verify(p7s, null);
        assertFalse(missing.valid());
        assertTrue(missing.reason().contains("detached"), missing.reason());
        byte[] altered = CONTENT.clone();
        altered[0] ^= 1;
        CmsVerifier.Result tampered = verifier.verify(p7s, altered);
        assertFalse(tampered.valid());
        assertTrue(tampered.reason().contains("message digest"), tampered.reason());
    }

    @Test
    void theCaInsideTheMessageIsNotTrustedByItself() throws Exception {
        CmsVerifier.Result other = new CmsVerifier(List.of(OTHER.ca), false).verify(sign(false), null);
        assertFalse(other.valid());
        assertTrue(other.reason().startsWith("no certification path"), other.reason());
        CmsVerifier.Result none = new CmsVerifier(List.of(), false).verify(sign(false), null);
        assertFalse(none.valid());
        assertTrue(none.reason().contains("no trust anchor"), none.reason());
    }

    @Test
    void aCertificateWithoutOcspIsNotValidWhenRevocationIsChecked() throws Exception {
        CmsVerifier.Result result = new CmsVerifier(List.of(PKI.ca), true).verify(sign(false), null);
        assertFalse(result.valid());
        assertEquals("revocation status unknown (OCSP): Certificate does not specify OCSP responder", result.reason());
    }

    @Test
    void aSigningTimeOutsideTheCertificatesValidityIsRefused() throws Exception {
        byte[] p7s = new CardCmsSigner(PKI.ee, List.of(PKI.ca), PKI.eeSigner()).sign(CONTENT, false, AT.minusSeconds(86400 * 400));
        CmsVerifier.Result result = new CmsVerifier(List.of(PKI.ca), false).verify(p7s, null);
        assertFalse(result.valid());
        assertTrue(result.reason().contains("not valid at the signing time"), result.reason());
    }

    @Test
    void garbageIsNotASignedData() {
        CmsVerifier.Result result = new CmsVerifier(List.of(PKI.ca), false).verify("hello".getBytes(StandardCharsets.US_ASCII), null);
        assertFalse(result.valid());
        assertTrue(result.reason().startsWith("not a CMS SignedData"), result.reason());
    }
}
