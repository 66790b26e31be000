package jp.mynacard.host.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrlIndexTest {
    private static final String CA_DN = "C=JP, O=JPKI, OU=Test CA, CN=Revocation Index Test CA";
    private static TestCrls.Issuer ca;
    private static byte[] mixed;
    private static List<TestCrls.Entry> mixedEntries;
    private static final Date THIS_UPDATE = new Date(1_717_200_000_000L);
    private static final Date NEXT_UPDATE = new Date(1_717_200_000_000L + 86_400_000L);

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCrls.issuer(CA_DN, TestCrls.rsa(), "SHA256withRSA");
        mixedEntries = mixedEntries(new Random(42), 600);
        mixed = TestCrls.crl(ca, mixedEntries, THIS_UPDATE, NEXT_UPDATE, BigInteger.valueOf(77), null);
    }

    static List<TestCrls.Entry> mixedEntries(Random rnd, int randomCount) {
        Map<BigInteger, TestCrls.Entry> m = new LinkedHashMap<>();
        List<BigInteger> serials = new ArrayList<>(List.of(
                BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(0x7f), BigInteger.valueOf(0x80),
                BigInteger.valueOf(0xff), BigInteger.valueOf(0x100),
                BigInteger.valueOf(Long.MAX_VALUE), BigInteger.ONE.shiftLeft(63),
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64),
                BigInteger.ONE.shiftLeft(159), BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE),
                new BigInteger("7fffffffffffffffffffffffffffffffffffffff", 16),
                BigInteger.valueOf(-1), BigInteger.valueOf(-129), BigInteger.ONE.shiftLeft(80).negate()));
        for (int i = 0; i < randomCount; i++) {
            int bytes = 1 + rnd.nextInt(20);
            BigInteger s = new BigInteger(bytes * 8, rnd);
            if (rnd.nextBoolean()) {
                s = s.setBit(bytes * 8 - 1); // top bit set: DER needs a leading 00
            }
            serials.add(s);
        }
        int[] reasons = {-1, 0, 1, 2, 3, 4, 5, 6, 9, 10, 1, 6};
        long base = 1_700_000_000_000L;
        for (BigInteger s : serials) {
            Date d = new Date(base + rnd.nextInt(1_000_000_000) * 1000L);
            int reason = reasons[rnd.nextInt(reasons.length)];
            Date inval = rnd.nextInt(4) == 0 ? new Date(d.getTime() - rnd.nextInt(1_000_000) * 1000L) : null;
            m.put(s, new TestCrls.Entry(s, d, reason, inval));
        }
        return new ArrayList<>(m.values());
    }

    private static CrlIndex load(byte[] der) throws Exception {
        return CrlIndex.load(new ByteArrayInputStream(der), ca.cert());
    }

    @Test
    void agreesWithJdkForEverySerial() throws Exception {
        CrlIndex idx = load(mixed);
        X509CRL jdk = TestCrls.jdk(mixed);
        assertEquals(mixedEntries.size(), idx.size());
        assertEquals(jdk.getRevokedCertificates().size(), idx.size());
        assertEquals(jdk.getThisUpdate().toInstant(), idx.thisUpdate());
        assertEquals(Optional.of(jdk.getNextUpdate().toInstant()), idx.nextUpdate());
        assertEquals(Optional.of(BigInteger.valueOf(77)), idx.crlNumber());
        assertFalse(idx.isDelta());
        assertEquals(ca.cert().getSubjectX500Principal(), idx.issuer());
        assertEquals("SHA256withRSA", idx.signatureAlgorithm());
        for (TestCrls.Entry e : mixedEntries) {
            X509CRLEntry je = jdk.getRevokedCertificate(e.serial());
            RevokedEntry ie = idx.lookup(e.serial()).orElseThrow(() -> new AssertionError("missing " + e.serial()));
            assertEquals(e.serial(), ie.serialNumber());
            assertEquals(je.getRevocationDate().toInstant(), ie.revocationDate(), "date of " + e.serial());
            assertEquals(Optional.ofNullable(je.getRevocationReason()), ie.reason(), "reason of " + e.serial());
            assertEquals(Optional.ofNullable(e.invalidity()).map(d -> Instant.ofEpochSecond(d.getTime() / 1000)),
                    ie.invalidityDate(), "invalidity of " + e.serial());
            // neighbours that are not listed
            for (BigInteger probe : List.of(e.serial().add(BigInteger.ONE), e.serial().subtract(BigInteger.ONE),
                    e.serial().shiftLeft(8))) {
                assertEquals(jdk.getRevokedCertificate(probe) != null, idx.contains(probe), "probe " + probe);
            }
        }
        // reasons asked for by the issue are present
        assertTrue(idx.lookup(mixedEntries.stream().filter(e -> e.reason() == 1).findFirst().orElseThrow().serial())
                .orElseThrow().reason().orElseThrow() == CRLReason.KEY_COMPROMISE);
        assertTrue(idx.lookup(mixedEntries.stream().filter(e -> e.reason() == 6).findFirst().orElseThrow().serial())
                .orElseThrow().reason().orElseThrow() == CRLReason.CERTIFICATE_HOLD);
    }

    @Test
    void emptyCrlWithoutNextUpdateOrNumber() throws Exception {
        byte[] der = TestCrls.crl(ca, List.of(), THIS_UPDATE, null, null, null);
        CrlIndex idx = load(der);
        assertEquals(0, idx.size());
        assertEquals(Optional.empty(), idx.nextUpdate());
        assertEquals(Optional.empty(), idx.crlNumber());
        assertFalse(idx.contains(BigInteger.ONE));
        assertFalse(idx.contains(BigInteger.ONE.shiftLeft(100)));
    }

    @Test
    void deltaCrlThroughRevocationView() throws Exception {
        BigInteger held = BigInteger.valueOf(1001);
        BigInteger compromised = BigInteger.valueOf(1002);
        BigInteger fresh = new BigInteger("00f1e2d3c4b5a6978877665544332211", 16);
        Date d = new Date(1_717_000_000_000L);
        byte[] full = TestCrls.crl(ca, List.of(new TestCrls.Entry(held, d, 6, null),
                new TestCrls.Entry(compromised, d, 1, d)), THIS_UPDATE, NEXT_UPDATE, BigInteger.TEN, null);
        byte[] delta = TestCrls.crl(ca, List.of(new TestCrls.Entry(held, THIS_UPDATE, 8, null),
                new TestCrls.Entry(fresh, THIS_UPDATE, 3, null)), NEXT_UPDATE, NEXT_UPDATE,
                BigInteger.valueOf(11), BigInteger.TEN);
        CrlIndex f = load(full);
        CrlIndex dl = load(delta);
        assertTrue(dl.isDelta());
        assertEquals(Optional.of(BigInteger.TEN), dl.baseCrlNumber());
        assertEquals(Optional.of(BigInteger.valueOf(11)), dl.crlNumber());
        assertEquals(TestCrls.jdk(delta).getRevokedCertificate(fresh).getRevocationReason(),
                dl.lookup(fresh).orElseThrow().reason().orElseThrow());

        RevocationView v = RevocationView.merge(f, dl);
        assertFalse(v.isRevoked(held), "hold released by removeFromCRL in the delta");
        assertTrue(v.isRevoked(compromised));
        assertEquals(CRLReason.AFFILIATION_CHANGED, v.lookup(fresh).orElseThrow().reason().orElseThrow());
        assertFalse(v.isRevoked(BigInteger.valueOf(1003)));
        assertTrue(RevocationView.of(f).isRevoked(held));

        assertThrows(IllegalArgumentException.class, () -> RevocationView.of(dl, f));
        assertThrows(IllegalArgumentException.class, () -> RevocationView.of(f, f));
        byte[] oldFull = TestCrls.crl(ca, List.of(), THIS_UPDATE, NEXT_UPDATE, BigInteger.valueOf(9), null);
        assertThrows(IllegalArgumentException.class, () -> RevocationView.of(load(oldFull), dl));
    }

    @Test
    void tamperedByteFailsTheSignature() throws Exception {
        // the last content byte of a serial: DER stays valid, the TBS changes
        TestCrls.Entry e = mixedEntries.get(20);
        byte[] ser = e.serial().toByteArray();
        int at = indexOf(mixed, ser);
        assertTrue(at > 0);
        byte[] t = mixed.clone();
        t[at + ser.length - 1] ^= 0x01;
        CrlVerificationException ex = assertThrows(CrlVerificationException.class, () -> load(t));
        assertTrue(ex.getMessage().contains("signature"), ex.getMessage());

        byte[] t2 = mixed.clone();
        t2[t2.length - 5] ^= 0x40; // inside signatureValue
        assertThrows(CrlVerificationException.class, () -> load(t2));
    }

    @Test
    void truncatedFileIsAClearError() throws Exception {
        for (int cut : new int[] {0, 1, 2, 5, 100, mixed.length / 2, mixed.length - 300, mixed.length - 1}) {
            byte[] t = Arrays.copyOf(mixed, cut);
            CrlFormatException ex = assertThrows(CrlFormatException.class, () -> load(t), "cut at " + cut);
            if (cut > 0) {
                assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
            }
        }
        byte[] longer = Arrays.copyOf(mixed, mixed.length + 1);
        assertThrows(CrlFormatException.class, () -> load(longer));
    }

    @Test
    void wrongIssuerKeyOrNameIsRefused() throws Exception {
        TestCrls.Issuer sameNameOtherKey = TestCrls.issuer(CA_DN, TestCrls.rsa(), "SHA256withRSA");
        CrlVerificationException ex = assertThrows(CrlVerificationException.class,
                () -> CrlIndex.load(new ByteArrayInputStream(mixed), sameNameOtherKey.cert()));
        assertTrue(ex.getMessage().contains("does not verify"), ex.getMessage());

        TestCrls.Issuer otherName = TestCrls.issuer("C=JP, O=JPKI, CN=Another CA", TestCrls.rsa(), "SHA256withRSA");
        ex = assertThrows(CrlVerificationException.class,
                () -> CrlIndex.load(new ByteArrayInputStream(mixed), otherName.cert()));
        assertTrue(ex.getMessage().contains("issuer"), ex.getMessage());

        TestCrls.Issuer ecSameName = TestCrls.issuer(CA_DN, TestCrls.ec(), "SHA256withECDSA");
        assertThrows(CrlVerificationException.class,
                () -> CrlIndex.load(new ByteArrayInputStream(mixed), ecSameName.cert()));
    }

    @Test
    void ecdsaAndPssSignedCrls() throws Exception {
        List<TestCrls.Entry> few = mixedEntries.subList(0, 40);
        TestCrls.Issuer ec = TestCrls.issuer("C=JP, CN=EC CA", TestCrls.ec(), "SHA384withECDSA");
        CrlIndex e = CrlIndex.load(new ByteArrayInputStream(TestCrls.crl(ec, few, THIS_UPDATE, null, BigInteger.ONE,
                null)), ec.cert());
        assertEquals(40, e.size());
        assertEquals("SHA384withECDSA", e.signatureAlgorithm());
        TestCrls.Issuer pss = TestCrls.issuer("C=JP, CN=PSS CA", TestCrls.rsa(), "SHA256withRSAandMGF1");
        CrlIndex p = CrlIndex.load(new ByteArrayInputStream(TestCrls.crl(pss, few, THIS_UPDATE, null, BigInteger.ONE,
                null)), pss.cert());
        assertEquals("RSASSA-PSS", p.signatureAlgorithm());
        for (TestCrls.Entry x : few) {
            assertTrue(p.contains(x.serial()));
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsARuntimeException() throws Exception {
        byte[] small = TestCrls.crl(ca, mixedEntries.subList(0, 30), THIS_UPDATE, NEXT_UPDATE, BigInteger.ONE, null);
        Random rnd = new Random(7);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] t = small.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = rnd.nextInt(Math.min(t.length, rnd.nextBoolean() ? 200 : t.length));
                t[at] = (byte) rnd.nextInt(256);
            }
            if (Arrays.equals(t, small)) {
                continue;
            }
            try {
                load(t);
                fail("corrupted CRL accepted");
            } catch (CRLException expected) {
                refused++;
            } catch (RuntimeException bad) {
                throw new AssertionError("runtime exception on corrupted input " + i, bad);
            }
        }
        assertTrue(refused > 2500);
    }

    @Test
    void radixSortIsAStablePermutation() {
        Random rnd = new Random(3);
        long[] k = new long[5000];
        for (int i = 0; i < k.length; i++) {
            k[i] = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(100);
        }
        int[] p = SerialOrder.radixSortPermutation(k);
        for (int i = 1; i < k.length; i++) {
            int c = Long.compareUnsigned(k[p[i - 1]], k[p[i]]);
            assertTrue(c < 0 || (c == 0 && p[i - 1] < p[i]));
        }
    }

    @Test
    void signedByteOrderMatchesBigInteger() {
        Random rnd = new Random(5);
        for (int i = 0; i < 20000; i++) {
            BigInteger a = new BigInteger(1 + rnd.nextInt(170), rnd);
            BigInteger b = new BigInteger(1 + rnd.nextInt(170), rnd);
            if (rnd.nextBoolean()) {
                a = a.negate();
            }
            if (rnd.nextBoolean()) {
                b = b.negate();
            }
            assertEquals(Integer.signum(a.compareTo(b)),
                    Integer.signum(SerialOrder.compareSigned(a.toByteArray(), b.toByteArray())), a + " vs " + b);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
