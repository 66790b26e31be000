package jp.mynacard.jlis.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** The hand-assembled response is BouncyCastle's builder's, byte for byte (RSA PKCS#1 v1.5 is deterministic). */
class OcspResponseSignerTest {
    private static final OcspTestCentre CENTRE = new OcspTestCentre();
    private static final OcspSigningIdentity IDENTITY = CENTRE.responders.get(CertificateUsage.SIGNATURE);
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private static final Instant NEXT = NOW.plus(Duration.ofHours(1));

    @Test
    void goodWithoutNonce() throws Exception {
        assertSameAsBouncyCastle(List.of(new SingleAnswer(id(1), CertificateStatus.GOOD, null)), null);
    }

    @Test
    void revokedWithReasonAndInvalidityDateAndANonce() throws Exception {
        Extensions invalidity = new Extensions(new Extension(Extension.invalidityDate, false,
                new ASN1GeneralizedTime(Date.from(NOW.minus(Duration.ofDays(2)))).getEncoded()));
        Extension nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new DEROctetString(new byte[16]).getEncoded()));
        assertSameAsBouncyCastle(List.of(
                new SingleAnswer(id(2), new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))),
                        CRLReason.keyCompromise), invalidity),
                new SingleAnswer(id(3), new RevokedStatus(Date.from(NOW.truncatedTo(ChronoUnit.DAYS)),
                        CRLReason.certificateHold), null),
                new SingleAnswer(id(4), new UnknownStatus(), null)), nonce);
    }

    private static CertificateID id(long serial) {
        return CENTRE.certificateId(CertificateUsage.SIGNATURE, BigInteger.valueOf(serial));
    }

    private static void assertSameAsBouncyCastle(List<SingleAnswer> answers, Extension nonce) throws Exception {
        X509CertificateHolder certificate = new JcaX509CertificateHolder(IDENTITY.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                SubjectPublicKeyInfo.getInstance(certificate.getSubjectPublicKeyInfo()),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1)));
        for (SingleAnswer answer : answers) {
            builder.addResponse(answer.certificateId(), answer.status(), Date.from(NOW), Date.from(NEXT), answer.extensions());
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(IDENTITY.key()),
                new X509CertificateHolder[] {certificate}, Date.from(NOW));
        byte[] expected = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();

        assertArrayEquals(expected, new OcspResponseSigner(IDENTITY).sign(answers, nonce, NOW, NEXT));
    }
}
