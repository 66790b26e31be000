package jp.mynacard.jlis.ocsp;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.basic;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.parse;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.OcspResponderCertificates;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OcspResponderTest {
    private static OcspTestCentre centre;

    @BeforeAll
    static void centre() {
        centre = new OcspTestCentre();
    }

    @Test
    void goodCertificateIsGoodWithAShortValidityWindow() {
        X509Certificate certificate = centre.issue(SIGNATURE);
        SingleResp single = only(ask(SIGNATURE, certificate.getSerialNumber()));
        assertEquals(CertificateStatus.GOOD, single.getCertStatus());
        Instant thisUpdate = single.getThisUpdate().toInstant();
        assertEquals(centre.clock.instant(), thisUpdate);
        assertEquals(thisUpdate.plus(Duration.ofHours(1)), single.getNextUpdate().toInstant());
    }

    @Test
    void revokedCertificateCarriesTimeReasonAndInvalidityDate() {
        X509Certificate certificate = centre.issue(USER_AUTHENTICATION);
        Instant revokedAt = Instant.parse("2026-11-23T01:02:03Z");
        Instant invalid = Instant.parse("2026-11-22T20:00:00Z");
        centre.registry.revoke(USER_AUTHENTICATION, certificate.getSerialNumber(), RevocationReason.KEY_COMPROMISE, revokedAt, invalid);
        SingleResp single = only(ask(USER_AUTHENTICATION, certificate.getSerialNumber()));
        RevokedStatus revoked = assertInstanceOf(RevokedStatus.class, single.getCertStatus());
        assertEquals(revokedAt, revoked.getRevocationTime().toInstant());
        assertEquals(CRLReason.keyCompromise, revoked.getRevocationReason());
        Extension invalidity = single.getExtension(Extension.invalidityDate);
        assertNotNull(invalidity);
        assertEquals(invalid, date(invalidity));
    }

    @Test
    void suspendedCertificateIsRevokedWithCertificateHold() {
        X509Certificate certificate = centre.issue(SIGNATURE);
        Instant at = centre.clock.instant().minusSeconds(30);
        centre.registry.suspend(SIGNATURE, certificate.getSerialNumber(), at);
        RevokedStatus revoked = assertInstanceOf(RevokedStatus.class, only(ask(SIGNATURE, certificate.getSerialNumber())).getCertStatus());
        assertEquals(CRLReason.certificateHold, revoked.getRevocationReason());
        assertEquals(at, revoked.getRevocationTime().toInstant());
    }

    @Test
    void serialNeverIssuedIsUnknown() {
        BigInteger serial = new BigInteger("123456789abcdef", 16);
        assertInstanceOf(UnknownStatus.class, only(ask(SIGNATURE, serial)).getCertStatus());
    }

    @Test
    void responseIsSignedByThatCasDelegatedResponderWhichChainsToTheCa() throws Exception {
        for (CertificateUsage usage : CertificateUsage.values()) {
            BasicOCSPResp response = basic(centre.responder.respond(request(
                    centre.certificateId(usage, centre.issue(usage).getSerialNumber()))));
            X509CertificateHolder[] certs = response.getCerts();
            assertEquals(1, certs.length);
            X509Certificate included = new JcaX509CertificateConverter().getCertificate(certs[0]);
            assertEquals(centre.responders.get(usage).certificate(), included);
            assertTrue(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(included.getPublicKey())));
            included.verify(centre.cas.get(usage).publicKey());
            assertEquals(centre.cas.get(usage).certificate().getSubjectX500Principal(), included.getIssuerX500Principal());
            // byKey: SHA-1 of the responder's subjectPublicKey
            byte[] keyHash = MessageDigest.getInstance("SHA-1").digest(
                    SubjectPublicKeyInfo.getInstance(included.getPublicKey().getEncoded()).getPublicKeyData().getBytes());
            ResponderID id = response.getResponderId().toASN1Primitive();
            assertArrayEquals(keyHash, id.getKeyHash());
            assertNull(id.getName());
        }
    }

    @Test
    void responderCertificateIsADelegatedOcspSigner() throws Exception {
        X509Certificate responder = centre.responders.get(USER_AUTHENTICATION).certificate();
        assertTrue(responder.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.9"), "id-kp-OCSPSigning");
        assertNotNull(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()), "id-pkix-ocsp-nocheck");
        assertTrue(responder.getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, responder.getBasicConstraints());
        assertEquals("CN=OCSP Responder,OU=JPKI for user authentication,O=JPKI,C=JP", responder.getSubjectX500Principal().getName());
        Duration validity = Duration.between(responder.getNotBefore().toInstant(), responder.getNotAfter().toInstant());
        assertEquals(Duration.ofDays(30), validity);
        assertFalse(responder.getPublicKey().equals(centre.cas.get(USER_AUTHENTICATION).publicKey()), "own key, not the CA's");
    }

    @Test
    void responderCertificateValidityIsConfigurable() {
        X509Certificate responder = OcspResponderCertificates.issue(centre.cas.get(SIGNATURE), SIGNATURE, centre.clock,
                Duration.ofDays(7)).certificate();
        assertEquals(Duration.ofDays(7),
                Duration.between(responder.getNotBefore().toInstant(), responder.getNotAfter().toInstant()));
    }

    @Test
    void signedRequestIsAnsweredWithoutCheckingItsSignature() throws Exception {
        // RFC 6960 §4.1.2: request signatures are optional; this one is by a key nobody certified for it
        OcspSigningIdentity stranger = OcspResponderCertificates.issue(new OcspTestCentre().cas.get(SIGNATURE), SIGNATURE, centre.clock);
        OCSPReqBuilder builder = new OCSPReqBuilder()
                .addRequest(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber()))
                .setRequestorName(new GeneralName(X500Name.getInstance(stranger.certificate().getSubjectX500Principal().getEncoded())));
        OCSPReq signed = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(stranger.key()),
                new X509CertificateHolder[] {new JcaX509CertificateHolder(stranger.certificate())});
        assertTrue(signed.isSigned());
        assertEquals(CertificateStatus.GOOD, only(basic(centre.responder.respond(signed.getEncoded()))).getCertStatus());
    }

    @Test
    void nonceIsEchoedAndNoncedResponsesAreFreshlySigned() {
        X509Certificate certificate = centre.issue(SIGNATURE);
        CertificateID id = centre.certificateId(SIGNATURE, certificate.getSerialNumber());
        byte[] nonce = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        BasicOCSPResp first = basic(centre.responder.respond(request(nonce, id)));
        Extension echoed = first.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertNotNull(echoed);
        assertArrayEquals(nonce, ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets());
        byte[] other = nonce.clone();
        other[0] = 99;
        BasicOCSPResp second = basic(centre.responder.respond(request(other, id)));
        assertArrayEquals(other, ASN1OctetString.getInstance(
                second.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue()).getOctets());
        assertNull(basic(centre.responder.respond(request(id))).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
    }

    @Test
    void severalCertIdsGetOneSingleResponseEachInOrder() {
        BigInteger good = centre.issue(SIGNATURE).getSerialNumber();
        BigInteger revoked = centre.issue(SIGNATURE).getSerialNumber();
        centre.registry.revoke(SIGNATURE, revoked, RevocationReason.SUPERSEDED, centre.clock.instant(), null);
        BigInteger unknown = BigInteger.valueOf(7);
        SingleResp[] answers = basic(centre.responder.respond(request(centre.certificateId(SIGNATURE, good),
                centre.certificateId(SIGNATURE, revoked), centre.certificateId(SIGNATURE, unknown)))).getResponses();
        assertEquals(3, answers.length);
        assertEquals(good, answers[0].getCertID().getSerialNumber());
        assertEquals(CertificateStatus.GOOD, answers[0].getCertStatus());
        assertEquals(CRLReason.superseded, ((RevokedStatus) answers[1].getCertStatus()).getRevocationReason());
        assertInstanceOf(UnknownStatus.class, answers[2].getCertStatus());
    }

    @Test
    void sha256CertIdIsMatchedAndRepeatedAsAsked() {
        BigInteger serial = centre.issue(USER_AUTHENTICATION).getSerialNumber();
        CertificateID id = centre.certificateId(USER_AUTHENTICATION, serial,
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));
        SingleResp single = only(basic(centre.responder.respond(request(id))));
        assertEquals(id, single.getCertID());
        assertEquals(CertificateStatus.GOOD, single.getCertStatus());
    }

    @Test
    void certificateOfAForeignIssuerIsUnauthorized() {
        OcspTestCentre foreign = new OcspTestCentre();
        CertificateID id = foreign.certificateId(SIGNATURE, foreign.issue(SIGNATURE).getSerialNumber());
        assertEquals(OCSPResp.UNAUTHORIZED, parse(centre.responder.respond(request(id))).getStatus());
    }

    @Test
    void certIdsOfBothCasInOneRequestAreUnauthorized() {
        // no single delegated responder may speak for both CAs
        CertificateID sign = centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber());
        CertificateID auth = centre.certificateId(USER_AUTHENTICATION, centre.issue(USER_AUTHENTICATION).getSerialNumber());
        assertEquals(OCSPResp.UNAUTHORIZED, parse(centre.responder.respond(request(sign, auth))).getStatus());
    }

    @Test
    void sameSerialAskedOfTheOtherCaIsUnknown() {
        BigInteger serial = centre.issue(SIGNATURE).getSerialNumber();
        assertInstanceOf(UnknownStatus.class, only(ask(USER_AUTHENTICATION, serial)).getCertStatus());
    }

    @Test
    void registryFailureIsInternalErrorNotAnAnswer() {
        OcspTestCentre failing = new OcspTestCentre();
        BigInteger serial = failing.issue(SIGNATURE).getSerialNumber();
        failing.registry.broken = true;
        assertEquals(OCSPResp.INTERNAL_ERROR,
                parse(failing.responder.respond(request(failing.certificateId(SIGNATURE, serial)))).getStatus());
    }

    @Test
    void timesHaveNoFractionalSeconds() {
        OcspTestCentre odd = new OcspTestCentre();
        odd.clock.advance(Duration.ofMillis(123));
        BasicOCSPResp response = basic(odd.responder.respond(request(odd.certificateId(SIGNATURE, odd.issue(SIGNATURE).getSerialNumber()))));
        assertEquals(0, response.getProducedAt().getTime() % 1000);
        assertEquals(0, only(response).getThisUpdate().getTime() % 1000);
    }

    private static BasicOCSPResp ask(CertificateUsage usage, BigInteger serial) {
        return basic(centre.responder.respond(request(centre.certificateId(usage, serial))));
    }

    private static SingleResp only(BasicOCSPResp response) {
        SingleResp[] responses = response.getResponses();
        assertEquals(1, responses.length);
        return responses[0];
    }

    private static Instant date(Extension extension) {
        try {
            return ASN1GeneralizedTime.getInstance(extension.getParsedValue()).getDate().toInstant();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
