package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fuzzer's checks can fail: each is shown the thing it watches for. And the one card defect it found stays fixed. */
class FuzzInvariantsTest {
    private static final byte[] PUBLIC = "a certificate anyone may read, long enough".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GUARDED = "the four attributes, readable after a PIN only".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "the face photo, readable after another PIN only".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLOT = "keyed slot content that never leaves in clear".getBytes(StandardCharsets.US_ASCII);

    @Test
    void leakWatchSeesEachKindOfLeakAndPassesPublicReads() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        LeakWatch watch = new LeakWatch(List.of(PUBLIC), Map.of("F", GUARDED, "G", OTHER, "N", "FF100C123456789018".getBytes(StandardCharsets.US_ASCII)),
                List.of(SLOT), List.of("1234", "123456789018"), "123456789018", "N", List.of((RSAPublicKey) pair.getPublic()));
        Set<String> none = Set.of();

        assertNull(watch.leakIn(Arrays.copyOfRange(PUBLIC, 3, 30), none), "a public read");
        assertNotNull(watch.leakIn(Arrays.copyOfRange(GUARDED, 5, 20), none), "protected bytes without a PIN");
        assertNotNull(watch.leakIn(Arrays.copyOfRange(GUARDED, 5, 10), none), "a 5-byte slice of a protected file");
        assertNull(watch.leakIn(Arrays.copyOfRange(GUARDED, 5, 20), Set.of("F")), "protected bytes after the PIN");
        assertNotNull(watch.leakIn(Arrays.copyOfRange(OTHER, 2, 30), Set.of("F")), "another file's bytes under this file's PIN");
        assertNotNull(watch.leakIn(Arrays.copyOfRange(SLOT, 0, 12), Set.of("F", "G", "N")), "keyed slot bytes, PIN or not");
        assertNotNull(watch.leakIn("xx1234yy".getBytes(StandardCharsets.US_ASCII), Set.of("F", "G", "N")), "a PIN");
        assertNotNull(watch.leakIn("ab123456789018".getBytes(StandardCharsets.US_ASCII), none), "the My Number without a PIN");
        assertNull(watch.leakIn("FF100C1234".getBytes(StandardCharsets.US_ASCII), Set.of("N")), "a slice of the My Number file after its PIN");
        assertNotNull(watch.leakIn(withPadding(unsigned(key.getPrimeP(), 128)), none), "a prime factor");
        assertNotNull(watch.leakIn(unsigned(key.getPrivateExponent(), 256), none), "the private exponent");
        assertNull(watch.leakIn(unsigned(key.getPublicExponent().add(BigInteger.valueOf(2).pow(2040)), 256), none), "a 256-byte answer that is no key");
    }

    @Test
    void aTryCounterThatMovesWithoutAVerifyIsCaught() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        FuzzedCard fuzzed = new FuzzedCard(card, new LeakWatch(List.of(), Map.of(), List.of(), List.of(), "123456789018", "N", List.of()),
                FuzzRun.fromSystemProperties("the counter check"));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        // a wrong VERIFY the fuzzer did not send (straight to the card): to the checkpoint, a counter that moved on its own
        card.transmit(FuzzedAp.JPKI.select());
        card.transmit(FuzzedAp.selectFile(0x0018));
        card.transmit(FuzzedAp.verify("9999".getBytes(StandardCharsets.US_ASCII)));
        AssertionError caught = assertThrows(AssertionError.class, () -> fuzzed.checkpoint(FuzzedAp.JPKI));
        assertTrue(caught.getMessage().contains("JPKI/0018"), caught.getMessage());
    }

    /** The issuer tries are read on the chip (ChipTries): an issued AP tells a stranger its life cycle alone. */
    @Test
    void anIssuerTrySpentBehindTheFuzzersBackIsCaught() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        FuzzedCard fuzzed = new FuzzedCard(card, new LeakWatch(List.of(), Map.of(), List.of(), List.of(), "123456789018", "N", List.of()),
                FuzzRun.fromSystemProperties("the counter check"));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        card.transmit(FuzzedAp.JPKI.select());
        card.transmit(HexFormat.of().parseHex("80500000080102030405060708" + "00"));
        assertEquals(0x6300, CardSnapshot.sw(card.transmit(HexFormat.of().parseHex("8482000010" + "00".repeat(16)))));
        assertEquals(9, ChipTries.issuerTries(card, FuzzedAp.JPKI.aid));
        AssertionError caught = assertThrows(AssertionError.class, () -> fuzzed.checkpoint(FuzzedAp.JPKI));
        assertTrue(caught.getMessage().contains("issuer-channel tries of the JPKI AP"), caught.getMessage());
    }

    @Test
    void aWrongVerifyTheFuzzerSentPassesTheCounterCheck() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        FuzzedCard fuzzed = new FuzzedCard(card, new LeakWatch(List.of(), Map.of(), List.of(), List.of(), "123456789018", "N", List.of()),
                FuzzRun.fromSystemProperties("the counter check"));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        fuzzed.send(FuzzedAp.selectFile(0x0018));
        fuzzed.send(FuzzedAp.verify("9999".getBytes(StandardCharsets.US_ASCII)));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        assertEquals(3, fuzzed.readPinTries().get("JPKI/0018"), "the checkpoint put the counter back");
    }

    /** Found by the fuzzer: 255 data bytes and an Le overflowed jcardsim's 260-byte APDU buffer (6F00 on every AP). */
    @ParameterizedTest
    @EnumSource(FuzzedAp.class)
    void aShortApduOf261BytesIsALengthErrorNotAnException(FuzzedAp ap) {
        VirtualCard card = VirtualCard.blank();
        assertEquals(0x9000, CardSnapshot.sw(card.transmit(ap.select())));
        byte[] apdu = new byte[261];
        System.arraycopy(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, (byte) 0xFF}, 0, apdu, 0, 5);
        assertEquals(0x6700, CardSnapshot.sw(card.transmit(apdu)));
        byte[] withoutLe = Arrays.copyOf(apdu, 260);
        assertTrue(CardSnapshot.sw(card.transmit(withoutLe)) != 0x6F00, "255 data bytes without Le still reach the applet");
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    private static byte[] withPadding(byte[] secret) {
        byte[] padded = new byte[secret.length + 10];
        System.arraycopy(secret, 0, padded, 5, secret.length);
        padded[0] = 0x42;
        return padded;
    }
}
