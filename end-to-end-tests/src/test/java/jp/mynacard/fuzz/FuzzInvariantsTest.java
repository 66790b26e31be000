package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fuzzer's checks can fail: each is shown the thing it watches for (the oracle's on a JPKI AP
 * broken on purpose, {@link BrokenJpkiApplet}). And the one card defect it found stays fixed.
 */
class FuzzInvariantsTest {
    private static final byte[] PUBLIC = "a certificate anyone may read, long enough".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GUARDED = "the four attributes, readable after a PIN only".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "the face photo, readable after another PIN only".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLOT = "keyed slot content that never leaves in clear".getBytes(StandardCharsets.US_ASCII);
    /** Cards issued once for the class: every test starts at a checkpoint, which puts the counters back. */
    private static final Map<Class<? extends BrokenJpkiApplet>, BrokenCard> BROKEN_CARDS = new HashMap<>();
    private static VirtualCard realCard;

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
        VirtualCard card = realCard();
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

    @Test
    void aWrongVerifyTheFuzzerSentPassesTheCounterCheck() {
        VirtualCard card = realCard();
        FuzzedCard fuzzed = new FuzzedCard(card, new LeakWatch(List.of(), Map.of(), List.of(), List.of(), "123456789018", "N", List.of()),
                FuzzRun.fromSystemProperties("the counter check"));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        fuzzed.send(FuzzedAp.selectFile(0x0018));
        fuzzed.send(FuzzedAp.verify("9999".getBytes(StandardCharsets.US_ASCII)));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        assertEquals(3, fuzzed.readPinTries().get("JPKI/0018"), "the checkpoint put the counter back");
    }

    /**
     * The oracle's checks, each on a card whose JPKI AP has the defect it watches for: the same
     * APDUs sent through the fuzzer's checks fail on it with a message naming the defect, and pass
     * on the real applets (whose counters the next checkpoint then finds where the model counts them).
     */
    enum Defect {
        ACCEPTS_A_WRONG_PIN(BrokenJpkiApplet.AcceptsAnyPin.class, "VERIFY of JPKI/0018 with a wrong PIN answered 9000",
                FuzzedAp.selectFile(0x0018), FuzzedAp.verify(ascii("9999"))),
        SIGNS_WITHOUT_ITS_PIN(BrokenJpkiApplet.SignsWithoutPin.class,
                "COMPUTE DIGITAL SIGNATURE with JPKI key 001A answered 9000 while its PIN [001B] is not verified",
                FuzzedAp.selectFile(0x001A), ValidSessions.sign(ValidSessions.digestInfo("no PIN"))),
        SIGNS_AFTER_A_WRONG_PIN(BrokenJpkiApplet.SignsWithoutPin.class,
                "COMPUTE DIGITAL SIGNATURE with JPKI key 0017 answered 9000 while its PIN [0018] is not verified (its last VERIFY failed)",
                FuzzedAp.selectFile(0x0018), FuzzedAp.verify(ascii("9999")), FuzzedAp.selectFile(0x0017),
                ValidSessions.sign(ValidSessions.digestInfo("wrong PIN"))),
        SERVES_A_PROTECTED_FILE_AFTER_A_FAILED_VERIFY(BrokenJpkiApplet.KeepsVerificationAfterWrongPin.class,
                "READ BINARY of JPKI EF 0001 answered 9000 (256 bytes) while none of the PINs that open it [001B] is verified (its last VERIFY failed)",
                FuzzedAp.selectFile(0x001B), FuzzedAp.verify(ascii("ABCDEF12")), FuzzedAp.verify(ascii("ZZZZZZ")),
                FuzzedAp.selectFile(0x0001), HexFormat.of().parseHex("00B0000000")),
        SPENDS_NO_TRY_ON_A_WRONG_PIN(BrokenJpkiApplet.SpendsNoTry.class,
                "VERIFY of JPKI/0018 with a wrong PIN left 3 tries where it had 3: a wrong PIN must spend exactly one try",
                FuzzedAp.selectFile(0x0018), FuzzedAp.verify(ascii("9999"))),
        REPORTS_TRIES_IT_DOES_NOT_HAVE(BrokenJpkiApplet.ReportsFullTries.class,
                "VERIFY without data of JPKI/001B reports 5 tries left where the model counts 4",
                FuzzedAp.selectFile(0x001B), FuzzedAp.verify(ascii("ZZZZZZ")), FuzzedAp.TRIES_QUERY);

        final Class<? extends BrokenJpkiApplet> applet;
        final String verdict;
        final List<byte[]> apdus;

        Defect(Class<? extends BrokenJpkiApplet> applet, String verdict, byte[]... apdus) {
            this.applet = applet;
            this.verdict = verdict;
            this.apdus = List.of(apdus);
        }
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void theOracleFailsACardWithTheDefect(Defect defect) {
        FuzzedCard fuzzed = oracleOnly(BROKEN_CARDS.computeIfAbsent(defect.applet, BrokenCard::issue));
        AssertionError caught = assertThrows(AssertionError.class, () -> defect.apdus.forEach(fuzzed::send));
        assertTrue(caught.getMessage().startsWith(defect.verdict), caught.getMessage());
        // the PINs as the message would print APDUs (hex): the verdict and the episode's APDUs name a PIN, never give it
        assertFalse(caught.getMessage().contains("39393939") || caught.getMessage().contains("5A5A5A5A5A5A")
                || caught.getMessage().contains("4142434445463132"), "no PIN value: " + caught.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void theRealAppletsPassTheSameApdus(Defect defect) {
        FuzzedCard fuzzed = oracleOnly(FuzzedChip.of(realCard()));
        defect.apdus.forEach(fuzzed::send);
        fuzzed.checkpoint(FuzzedAp.JPKI);
    }

    /** A malformed PIN costs no try on the real card, so the next right VERIFY finds the counter full. */
    @Test
    void aMalformedPinIsRefusedUnreadAndAWrongOneSpendsOneTry() {
        FuzzedCard fuzzed = oracleOnly(FuzzedChip.of(realCard()));
        fuzzed.send(FuzzedAp.selectFile(0x001B));
        assertEquals(0x6A80, CardSnapshot.sw(fuzzed.send(FuzzedAp.verify(ascii("abcdef")))), "lower case: not the sign PIN's format");
        assertEquals(0x63C4, CardSnapshot.sw(fuzzed.send(FuzzedAp.verify(ascii("ZZZZZZ")))));
        assertEquals(0x63C4, CardSnapshot.sw(fuzzed.send(FuzzedAp.TRIES_QUERY)));
        fuzzed.checkpoint(FuzzedAp.JPKI);
    }

    private static VirtualCard realCard() {
        if (realCard == null) {
            realCard = VirtualCard.issue(Holder.sample());
        }
        return realCard;
    }

    /**
     * Found by a long run (seed 7727437117455405292): VERIFY with an extended Lc of 0000 and bytes
     * after it is no ISO framing; the card took it as a tries query. The model, which cannot read
     * it, keeps the verification the card kept, and so passes the protected read after it.
     */
    @Test
    void aVerifyTheModelCannotReadClearsNothingTheCardKept() {
        FuzzedCard fuzzed = oracleOnly(FuzzedChip.of(realCard()));
        fuzzed.send(FuzzedAp.selectFile(0x001B));
        assertEquals(0x9000, CardSnapshot.sw(fuzzed.send(FuzzedAp.verify(ascii("ABCDEF12")))));
        byte[] unframed = HexFormat.of().parseHex("002000800000000003");
        assertEquals(0x63C5, CardSnapshot.sw(fuzzed.send(unframed)));
        fuzzed.send(FuzzedAp.selectFile(0x0001));
        assertEquals(0x9000, CardSnapshot.sw(fuzzed.send(HexFormat.of().parseHex("00B0000000"))));
        fuzzed.checkpoint(FuzzedAp.JPKI);
    }

    /** Only the oracle: a leak watch that knows no content, so every failure here is the oracle's. */
    private static FuzzedCard oracleOnly(FuzzedChip chip) {
        FuzzedCard fuzzed = new FuzzedCard(chip, new LeakWatch(List.of(), Map.of(), List.of(), List.of(), "123456789018", "N", List.of()),
                FuzzRun.fromSystemProperties("the oracle"));
        fuzzed.checkpoint(FuzzedAp.JPKI);
        return fuzzed;
    }

    private static byte[] ascii(String pin) {
        return pin.getBytes(StandardCharsets.US_ASCII);
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
