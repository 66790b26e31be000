package jp.mynacard.jlis.ocsp;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.basic;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;

class PresignedResponseTest {

    @Test
    void unchangedCertificateGetsTheSamePreSignedBytes() {
        OcspTestCentre centre = new OcspTestCentre();
        byte[] request = request(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber()));
        byte[] first = centre.responder.respond(request);
        centre.clock.advance(Duration.ofMinutes(10));
        assertArrayEquals(first, centre.responder.respond(request));
    }

    @Test
    void revocationIsInTheVeryNextResponse() {
        OcspTestCentre centre = new OcspTestCentre();
        BigInteger serial = centre.issue(SIGNATURE).getSerialNumber();
        byte[] request = request(centre.certificateId(SIGNATURE, serial));
        byte[] good = centre.responder.respond(request);
        assertEquals(CertificateStatus.GOOD, basic(good).getResponses()[0].getCertStatus());
        centre.registry.revoke(SIGNATURE, serial, RevocationReason.KEY_COMPROMISE, centre.clock.instant(), null);
        byte[] revoked = centre.responder.respond(request);
        assertEquals(CRLReason.keyCompromise,
                assertInstanceOf(RevokedStatus.class, basic(revoked).getResponses()[0].getCertStatus()).getRevocationReason());
        // and the revoked answer is itself reused until the next change
        assertArrayEquals(revoked, centre.responder.respond(request));
    }

    @Test
    void suspensionThenRevocationEachFlipTheNextResponse() {
        OcspTestCentre centre = new OcspTestCentre();
        BigInteger serial = centre.issue(SIGNATURE).getSerialNumber();
        byte[] request = request(centre.certificateId(SIGNATURE, serial));
        centre.responder.respond(request);
        centre.registry.suspend(SIGNATURE, serial, centre.clock.instant());
        assertEquals(CRLReason.certificateHold, reason(centre.responder.respond(request)));
        centre.registry.revoke(SIGNATURE, serial, RevocationReason.CESSATION_OF_OPERATION, centre.clock.instant(), null);
        assertEquals(CRLReason.cessationOfOperation, reason(centre.responder.respond(request)));
    }

    @Test
    void responseIsReSignedOnceHalfItsValidityHasPassed() {
        OcspTestCentre centre = new OcspTestCentre();
        byte[] request = request(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber()));
        byte[] first = centre.responder.respond(request);
        centre.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertArrayEquals(first, centre.responder.respond(request));
        centre.clock.advance(Duration.ofSeconds(1));
        byte[] renewed = centre.responder.respond(request);
        assertFalse(Arrays.equals(first, renewed));
        assertEquals(centre.clock.instant(), basic(renewed).getResponses()[0].getThisUpdate().toInstant());
    }

    @Test
    void noncedRequestsAreNeverServedFromTheCache() {
        OcspTestCentre centre = new OcspTestCentre();
        CertificateID id = centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber());
        byte[] nonce = new byte[16];
        byte[] first = centre.responder.respond(request(nonce, id));
        byte[] second = centre.responder.respond(request(nonce, id));
        // RSA PKCS#1 v1.5 is deterministic, so identical bytes would also come from re-signing; the cache size tells
        assertEquals(0, cacheSize(centre));
        assertArrayEquals(first, second);
        centre.responder.respond(request(id));
        assertEquals(1, cacheSize(centre));
    }

    @Test
    void sha1AndSha256CertIdsOfOneCertificateGetTheirOwnResponses() {
        OcspTestCentre centre = new OcspTestCentre();
        BigInteger serial = centre.issue(SIGNATURE).getSerialNumber();
        CertificateID sha1 = centre.certificateId(SIGNATURE, serial);
        CertificateID sha256 = centre.certificateId(SIGNATURE, serial, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        centre.responder.respond(request(sha1));
        assertEquals(sha256, basic(centre.responder.respond(request(sha256))).getResponses()[0].getCertID());
        assertEquals(sha1, basic(centre.responder.respond(request(sha1))).getResponses()[0].getCertID());
    }

    @Test
    void cacheStaysWithinItsBound() {
        OcspTestCentre centre = new OcspTestCentre(OcspResponderSettings.DEFAULTS.withMaxCachedResponses(3));
        for (int i = 0; i < 10; i++) {
            centre.responder.respond(request(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber())));
        }
        assertEquals(3, cacheSize(centre));
    }

    @Test
    void unknownSerialsDoNotFillTheCache() {
        OcspTestCentre centre = new OcspTestCentre();
        for (int i = 1; i <= 5; i++) {
            centre.responder.respond(request(centre.certificateId(SIGNATURE, BigInteger.valueOf(i))));
        }
        assertEquals(0, cacheSize(centre));
    }

    @Test
    void cachedBytesCannotBeAlteredByACaller() {
        OcspTestCentre centre = new OcspTestCentre();
        byte[] request = request(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber()));
        byte[] first = centre.responder.respond(request);
        byte[] copy = first.clone();
        Arrays.fill(first, (byte) 0);
        assertArrayEquals(copy, centre.responder.respond(request));
        assertTrue(copy.length > 0);
    }

    private static int reason(byte[] response) {
        return ((RevokedStatus) basic(response).getResponses()[0].getCertStatus()).getRevocationReason();
    }

    private static int cacheSize(OcspTestCentre centre) {
        return centre.responder.cachedResponses();
    }
}
