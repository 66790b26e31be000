package jp.mynacard.jlis.ocsp;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.parse;
import static jp.mynacard.jlis.ocsp.OcspTestCentre.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MalformedRequestTest {
    /** Generous for a loaded CI machine; a real answer takes well under a millisecond. */
    private static final Duration QUICKLY = Duration.ofSeconds(2);
    private static OcspTestCentre centre;
    private static byte[] valid;

    @BeforeAll
    static void centre() {
        centre = new OcspTestCentre();
        valid = request(centre.certificateId(SIGNATURE, centre.issue(SIGNATURE).getSerialNumber()));
    }

    @Test
    void randomBytesAreMalformed() {
        Random random = new Random(6960);
        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int i = 0; i < 2000; i++) {
                byte[] garbage = new byte[1 + random.nextInt(600)];
                random.nextBytes(garbage);
                if (i % 2 == 0) {
                    garbage[0] = 0x30; // a SEQUENCE tag, to get past the first byte
                }
                assertMalformed(garbage);
            }
        });
    }

    @Test
    void everyTruncationOfARealRequestIsMalformed() {
        assertEquals(OCSPResp.SUCCESSFUL, parse(centre.responder.respond(valid)).getStatus());
        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int length = 0; length < valid.length; length++) {
                assertMalformed(Arrays.copyOf(valid, length));
            }
        });
    }

    @Test
    void singleBitFlipsNeverEscapeAsExceptions() {
        // a flipped bit may still be a valid request (e.g. in the serial), so only the answer's existence is checked
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            parse(centre.responder.respond(flipped));
        }
    }

    @Test
    void emptyAndNullAreMalformed() {
        assertMalformed(new byte[0]);
        assertMalformed(null);
    }

    @Test
    void trailingBytesAfterTheRequestAreMalformed() {
        byte[] padded = Arrays.copyOf(valid, valid.length + 2);
        assertMalformed(padded);
    }

    @Test
    void requestOverEightKilobytesIsMalformed() {
        byte[] nonce = new byte[8 * 1024];
        CertificateID id = centre.certificateId(SIGNATURE, BigInteger.ONE);
        byte[] big = request(nonce, id);
        assertMalformed(big);
    }

    @Test
    void moreThanTwentyCertIdsIsMalformedButTwentyIsAnswered() {
        CertificateID[] twenty = new CertificateID[20];
        for (int i = 0; i < twenty.length; i++) {
            twenty[i] = centre.certificateId(SIGNATURE, BigInteger.valueOf(i + 1));
        }
        assertEquals(OCSPResp.SUCCESSFUL, parse(centre.responder.respond(request(twenty))).getStatus());
        CertificateID[] twentyOne = Arrays.copyOf(twenty, 21);
        twentyOne[20] = centre.certificateId(SIGNATURE, BigInteger.valueOf(21));
        assertMalformed(request(twentyOne));
    }

    @Test
    void requestWithoutCertIdsIsMalformed() {
        // OCSPRequest { TBSRequest { requestList SEQUENCE {} } }
        assertMalformed(new byte[] {0x30, 0x04, 0x30, 0x02, 0x30, 0x00});
    }

    @Test
    void deeplyNestedDerIsMalformedNotAStackOverflow() {
        int depth = 4000;
        byte[] nested = new byte[depth * 2 + 2];
        for (int i = 0; i < depth; i++) {
            nested[2 * i] = 0x30;
            nested[2 * i + 1] = (byte) 0x80; // indefinite length
        }
        assertTimeoutPreemptively(QUICKLY, () -> assertMalformed(nested));
    }

    private static void assertMalformed(byte[] request) {
        assertEquals(OCSPResp.MALFORMED_REQUEST, parse(centre.responder.respond(request)).getStatus(),
                () -> "for " + (request == null ? "null" : request.length + " bytes"));
    }
}
