package jp.mynacard.jlis.ocsp;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.basic;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.OcspResponderCertificates;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two generations of one CA (one name, two keys): each answered by the responder its key certified. */
class GenerationsOcspTest {
    private static OcspTestCentre centre;
    private static CertificateAuthority first;
    private static CertificateAuthority second;

    @BeforeAll
    static void centreWithASecondGeneration() {
        centre = new OcspTestCentre();
        first = centre.cas.get(SIGNATURE);
        second = CertificateAuthority.create(SIGNATURE.caName(), centre.clock);
        centre.responder.answerFor(second.certificate(), OcspResponderCertificates.issue(second, SIGNATURE, centre.clock));
    }

    @Test
    void eachGenerationsCertificateIsAnsweredByItsOwnResponder() throws Exception {
        X509Certificate old = centre.issue(SIGNATURE);
        X509Certificate fresh = issueBySecond();
        BasicOCSPResp oldAnswer = basic(centre.responder.respond(request(id(first, old))));
        BasicOCSPResp freshAnswer = basic(centre.responder.respond(request(id(second, fresh))));
        assertEquals(CertificateStatus.GOOD, oldAnswer.getResponses()[0].getCertStatus());
        assertEquals(CertificateStatus.GOOD, freshAnswer.getResponses()[0].getCertStatus());
        assertSignedByResponderOf(oldAnswer, first, second);
        assertSignedByResponderOf(freshAnswer, second, first);
    }

    @Test
    void aCachedAnswerIsNeverGivenForTheOtherGenerationsCertId() throws Exception {
        X509Certificate old = centre.issue(SIGNATURE);
        CertificateID asFirst = id(first, old);
        CertificateID asSecond = id(second, old);
        assertEquals(asFirst, basic(centre.responder.respond(request(asFirst))).getResponses()[0].getCertID());
        BasicOCSPResp other = basic(centre.responder.respond(request(asSecond)));
        assertEquals(asSecond, other.getResponses()[0].getCertID(), "the CertID as asked, not the cached one");
        assertSignedByResponderOf(other, second, first);
    }

    @Test
    void aRequestNamingBothGenerationsIsSignedByTheFirstCertIdsGeneration() throws Exception {
        CertificateID fresh = id(second, issueBySecond());
        CertificateID old = id(first, centre.issue(SIGNATURE));
        BasicOCSPResp answer = basic(centre.responder.respond(request(fresh, old)));
        assertEquals(2, answer.getResponses().length);
        assertEquals(fresh, answer.getResponses()[0].getCertID());
        assertEquals(old, answer.getResponses()[1].getCertID());
        assertSignedByResponderOf(answer, second, first);
    }

    @Test
    void aResponderTheKeyDidNotCertifyIsRefused() {
        CertificateAuthority stranger = CertificateAuthority.create(SIGNATURE.caName(), centre.clock);
        assertThrows(IllegalArgumentException.class, () -> centre.responder.answerFor(second.certificate(),
                OcspResponderCertificates.issue(stranger, SIGNATURE, centre.clock)),
                "same name, another key: not a delegation of this generation");
    }

    private static void assertSignedByResponderOf(BasicOCSPResp answer, CertificateAuthority issuer,
                                                  CertificateAuthority other) throws Exception {
        X509CertificateHolder responder = answer.getCerts()[0];
        assertTrue(answer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)));
        assertTrue(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.publicKey())));
        assertFalse(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(other.publicKey())));
    }

    private static X509Certificate issueBySecond() throws Exception {
        BigInteger serial = second.nextSerial();
        Instant now = centre.clock.instant();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        X509Certificate certificate = second.sign(new JcaX509v3CertificateBuilder(second.certificate(), serial,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("C=JP, CN=holder " + serial.toString(16)), generator.generateKeyPair().getPublic()));
        centre.registry.recordIssued(SIGNATURE, serial, certificate.getNotAfter().toInstant(), certificate.getEncoded());
        return certificate;
    }

    private static CertificateID id(CertificateAuthority issuer, X509Certificate certificate) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer.certificate()), certificate.getSerialNumber());
    }
}
