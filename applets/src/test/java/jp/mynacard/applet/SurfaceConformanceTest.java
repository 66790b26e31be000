package jp.mynacard.applet;

import static jp.mynacard.applet.FaceWirePersonalization.BIRTH_DATE_KEY;
import static jp.mynacard.applet.FaceWirePersonalization.FRONT_FACE_SIZE;
import static jp.mynacard.applet.FaceWirePersonalization.PIN_A;
import static jp.mynacard.applet.FaceWirePersonalization.PIN_B;
import static jp.mynacard.applet.JpkiConformanceTest.digestInfo;
import static jp.mynacard.applet.JpkiConformanceTest.recoverPkcs1Type1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import java.util.Random;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of spec §5 and the §2 rules as they apply to it, on the wire, against the card-surface AP. */
class SurfaceConformanceTest {
    private WireCard card;
    private FaceWirePersonalization perso;

    @BeforeEach
    void issue() {
        card = new WireCard().installAll();
        perso = FaceWirePersonalization.personalizeAndLock(card);
        card.reset();
        card.selectSurface();
    }

    @Nested
    class SelectAp {
        @Test
        void withP2NoResponseDataOrReturnFci() {
            assertEquals(0x9000, card.sw("00A4040C0A" + WireCard.SURFACE_AID));
            assertEquals(0x9000, card.sw("00A404000A" + WireCard.SURFACE_AID));
        }

        @Test
        void reselectingTheApResetsItsSecurityState() {
            verify("0013", PIN_A);
            card.selectSurface();
            card.selectEf("0005");
            assertEquals(0x6982, card.sw("00B0000000"));
        }
    }

    @Nested
    class SelectEf {
        @ParameterizedTest
        @ValueSource(strings = {"0001", "0002", "0003", "0004", "0005", "0011", "0012", "0013", "0017"})
        void everyEfOfSection5IsPresent(String fid) {
            assertEquals(0x9000, card.sw("00A4020C02" + fid));
            assertEquals(0x9000, card.sw("00A4020002" + fid), "P2=00 accepted too");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000", "0006", "000A", "0014", "0015", "0018", "001A"})
        void absentEfIsNotFound(String fid) {
            assertEquals(0x6A82, card.sw("00A4020C02" + fid));
        }
    }

    @Nested
    class ReadConditions {
        @ParameterizedTest
        @ValueSource(strings = {"0001", "0002", "0005"})
        void protectedEfWithoutPinIsRefused(String fid) {
            card.selectEf(fid);
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void ageRecordOpensWithTheBirthDateKey() throws Exception {
            verify("0011", BIRTH_DATE_KEY);
            byte[] record = readWhole("0001");
            assertArrayEquals(perso.ageRecord, record);
            String birthDate = "df1108" + WireCard.hex("19890331".getBytes(StandardCharsets.US_ASCII));
            // FF 10 { DF 11 date, DF 12 82 01 09 the card key (C14), DF 13 82 01 00 signature }: 547 bytes, in the 1 KB EF
            assertEquals(547, record.length);
            assertEquals("ff1082021e" + birthDate + "df12820109" + "900301000191820100", WireCard.hex(Arrays.copyOf(record, 30)));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(FaceWirePersonalization.signerPublicKey());
            verifier.update(Arrays.copyOfRange(record, 5, 286));
            assertEquals("df13820100", WireCard.hex(Arrays.copyOfRange(record, 286, 291)));
            assertTrue(verifier.verify(Arrays.copyOfRange(record, 291, 547)), "DF 13 signs the DF 11 and DF 12 TLVs");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0012", "0013"})
        void ageRecordStaysClosedWithPinAOrPinB(String pinFid) {
            verify(pinFid, pinFor(pinFid));
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0012", "0013"})
        void frontFaceOpensWithPinAOrPinB(String pinFid) {
            verify(pinFid, pinFor(pinFid));
            assertArrayEquals(perso.frontFace, readWhole("0002"));
        }

        @Test
        void frontFaceStaysClosedWithTheBirthDateKey() {
            verify("0011", BIRTH_DATE_KEY);
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void backFaceOpensWithPinA() {
            verify("0013", PIN_A);
            assertArrayEquals(perso.backFace, readWhole("0005"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0011", "0012"})
        void backFaceStaysClosedWithPinBOrTheBirthDateKey(String pinFid) {
            verify(pinFid, pinFor(pinFid));
            card.selectEf("0005");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void apInformationAndSignerCertificateAreAlwaysReadable() {
            byte[] apInfo = readWhole("0003");
            assertArrayEquals(perso.apInfo, apInfo);
            assertTrue(new String(apInfo, StandardCharsets.US_ASCII).contains("131016"), "municipality code");
            assertArrayEquals(perso.signerCertificate, readWhole("0004"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0017", "0011", "0012", "0013"})
        void keyAndPinEfsAreNeverReadable(String fid) {
            verify("0011", BIRTH_DATE_KEY);
            verify("0012", PIN_B);
            verify("0013", PIN_A);
            card.selectEf(fid);
            assertEquals(0x6981, card.sw("00B0000000"), "not even with every PIN verified");
        }

        @Test
        void blockedPinAOpensNothing() {
            block("0013");
            card.selectEf("0005");
            assertEquals(0x6982, card.sw("00B0000000"));
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }
    }

    @Nested
    class FrontFace {
        @Test
        void twelveKilobytesReadInOneExtendedApdu() {
            verify("0012", PIN_B);
            card.selectEf("0002");
            ResponseAPDU response = card.send("00B00000000000");
            assertEquals(0x9000, response.getSW());
            assertEquals(FRONT_FACE_SIZE, response.getData().length);
            assertArrayEquals(perso.frontFace, response.getData());
        }

        @Test
        void explicitExtendedLeAndOffsetsBeyond256() {
            verify("0013", PIN_A);
            card.selectEf("0002");
            byte[] tail = card.ok(new CommandAPDU(0x00, 0xB0, 0x20, 0x00, 65536));
            assertArrayEquals(Arrays.copyOfRange(perso.frontFace, 0x2000, FRONT_FACE_SIZE), tail);
            byte[] middle = card.ok(new CommandAPDU(0x00, 0xB0, 0x10, 0x01, 4096));
            assertArrayEquals(Arrays.copyOfRange(perso.frontFace, 0x1001, 0x2001), middle);
            assertEquals(0x6B00, card.send(new CommandAPDU(0x00, 0xB0, FRONT_FACE_SIZE >> 8, FRONT_FACE_SIZE & 0xFF, 256)).getSW());
        }

        @Test
        void holdsSixteenKilobytesButNoMoreAndReadsThemInOneApdu() {
            WireCard blank = new WireCard().installAll();
            new FaceWirePersonalization().personalizeSurface(blank);
            byte[] full = new byte[16384];
            new Random(16384).nextBytes(full);
            assertEquals(0x6A84, blank.secure(WireCard.updateBinary(0x0002, 0x3FFF, new byte[2])).getSW());
            JpkiWirePersonalization.writeEf(blank, "0002", full);
            assertEquals(0x9000, blank.lock());
            blank.selectEf("0013");
            assertEquals(0x9000, blank.verify(PIN_A));
            blank.selectEf("0002");
            assertArrayEquals(full, blank.ok("00B00000000000"));
        }

        @Test
        void carriesTheCardAuthenticationKeyAndTheCentresSignature() throws Exception {
            verify("0013", PIN_A);
            byte[] face = readWhole("0002");
            java.util.Map<String, byte[]> tlvs = FaceWirePersonalization.children(face);
            String publicKey = WireCard.hex(tlvs.get("df24"));
            assertTrue(publicKey.endsWith("91820100" + WireCard.hex(unsigned(perso.cardAuthKey.getModulus()))),
                    "DF 24 holds the key GENERATE KEY PAIR returned");
            byte[] digests = FaceWirePersonalization.concat(
                    FaceWirePersonalization.sha256(FaceWirePersonalization.concat(tlvs.get("df22"), tlvs.get("df23"), tlvs.get("df24"))),
                    FaceWirePersonalization.sha256(FaceWirePersonalization.concat(tlvs.get("df25"), tlvs.get("df26"))),
                    FaceWirePersonalization.sha256(tlvs.get("df27")));
            byte[] signature = Arrays.copyOfRange(tlvs.get("df28"), 5, 5 + 256);
            byte[] digestInfo = recoverPkcs1Type1(FaceWirePersonalization.signerPublicKey(), signature);
            assertEquals("3071" + "300d06096086480165030402010500" + "0460" + WireCard.hex(digests),
                    WireCard.hex(digestInfo), "DigestInfo (SHA-256) of the three digests, as spec §5 says");
        }
    }

    @Nested
    class CardAuthentication {
        @Test
        void signsWithoutAnyPinAndTheGeneratedPublicKeyVerifies() throws Exception {
            byte[] challenge = new byte[32];
            new Random(7).nextBytes(challenge);
            byte[] digestInfo = digestInfo(new String(challenge, StandardCharsets.ISO_8859_1));
            card.selectEf("0017");
            byte[] signature = card.ok(signCommand(digestInfo));
            assertEquals(256, signature.length);
            assertArrayEquals(digestInfo, recoverPkcs1Type1(perso.cardAuthKey, signature));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(perso.cardAuthKey);
            verifier.update(new String(challenge, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8));
            assertTrue(verifier.verify(signature), "a standard SHA256withRSA verifier accepts it");
        }

        @Test
        void worksEvenWithEveryPinBlocked() throws Exception {
            block("0011");
            block("0012");
            block("0013");
            card.selectEf("0017");
            byte[] digestInfo = digestInfo("counter challenge");
            assertArrayEquals(digestInfo, recoverPkcs1Type1(perso.cardAuthKey, card.ok(signCommand(digestInfo))));
        }

        @Test
        void longestDigestInfoIs245Bytes() {
            card.selectEf("0017");
            assertEquals(0x9000, card.send(signCommand(new byte[245])).getSW());
            assertEquals(0x6700, card.send(signCommand(new byte[246])).getSW());
        }

        @Test
        void keyIsGeneratedOnTheCardAndDiffersPerCard() {
            WireCard other = new WireCard().installAll();
            FaceWirePersonalization otherPerso = FaceWirePersonalization.personalizeAndLock(other);
            assertNotEquals(perso.cardAuthKey.getModulus(), otherPerso.cardAuthKey.getModulus());
            assertEquals(2048, perso.cardAuthKey.getModulus().bitLength());
        }

        @Test
        void p2EightyNeedsTheKeyEfSelected() {
            card.selectEf("0013");
            assertEquals(0x6981, card.send(signCommand(digestInfo("x"))).getSW());
            card.selectSurface();
            assertEquals(0x6986, card.send(signCommand(digestInfo("x"))).getSW());
        }

        /** C8: {@code 80 2A 00 00}, the real card's form, signs with the card key with nothing selected and no PIN. */
        @Test
        void p2ZeroSignsWithTheCardKeyWithoutSelectingIt() throws Exception {
            card.selectSurface();
            byte[] digestInfo = digestInfo("kiosk challenge");
            byte[] signature = card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x00, digestInfo, 256));
            assertArrayEquals(digestInfo, recoverPkcs1Type1(perso.cardAuthKey, signature));
            card.selectEf("0012"); // whatever EF is selected
            assertArrayEquals(digestInfo, recoverPkcs1Type1(perso.cardAuthKey,
                    card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x00, digestInfo, 256))));
        }
    }

    @Nested
    class Verify {
        @ParameterizedTest
        @ValueSource(strings = {"0011", "0012", "0013"})
        void tenTriesCountingDownToBlocked(String fid) {
            card.selectEf(fid);
            assertEquals(0x63CA, card.sw("00200080"));
            for (int left = 9; left >= 0; left--) {
                assertEquals(0x63C0 | left, card.verify(wrongPinFor(fid)));
            }
            assertEquals(0x6984, card.verify(pinFor(fid)), "blocked: even the right value is refused");
            assertEquals(0x63C0, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0011", "0012", "0013"})
        void rightValueRestoresTheCounterAndVerifyWithoutDataNeverAnswers9000(String fid) {
            card.selectEf(fid);
            assertEquals(0x63C9, card.verify(wrongPinFor(fid)));
            assertEquals(0x9000, card.verify(pinFor(fid)));
            assertEquals(0x63CA, card.sw("00200080"));
        }

        @Test
        void blockingTheBirthDateKeyLeavesPinAAndPinBAlone() {
            block("0011");
            assertOthersIntact("0012", "0013");
        }

        @Test
        void blockingPinBLeavesTheOthersAlone() {
            block("0012");
            assertOthersIntact("0011", "0013");
        }

        @Test
        void blockingPinALeavesTheOthersAlone() {
            block("0013");
            assertOthersIntact("0011", "0012");
        }

        @Test
        void countersAreSeparateFromTheInputHelperAp() {
            block("0013");
            card.selectInputHelper();
            card.selectEf("0014");
            assertEquals(0x63CA, card.sw("00200080"));
            assertEquals(0x9000, card.verify(PIN_A));
        }

        @ParameterizedTest
        @ValueSource(strings = {"01033", "0103311", "01O331"})
        void malformedBirthDateKeyIsRefusedWithoutCostingATry(String key) {
            card.selectEf("0011");
            assertEquals(0x6A80, card.verify(key));
            assertEquals(0x63CA, card.sw("00200080"));
        }

        @Test
        void pinAWithAWrongCheckDigitIsRefusedWithoutCostingATry() {
            card.selectEf("0013");
            assertEquals(0x6A80, card.verify("123456789012"));
            assertEquals(0x63CA, card.sw("00200080"));
        }

        @Test
        void countersSurviveAReset() {
            card.selectEf("0011");
            card.verify(wrongPinFor("0011"));
            card.verify(wrongPinFor("0011"));
            card.reset();
            card.selectSurface();
            card.selectEf("0011");
            assertEquals(0x63C8, card.sw("00200080"));
        }

        private void assertOthersIntact(String... fids) {
            for (String fid : fids) {
                card.selectEf(fid);
                assertEquals(0x63CA, card.sw("00200080"), fid);
                assertEquals(0x9000, card.verify(pinFor(fid)), fid);
            }
        }
    }

    @Nested
    class SecurityState {
        @Test
        void clearedByCardReset() {
            verify("0013", PIN_A);
            card.reset();
            card.selectSurface();
            card.selectEf("0005");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void clearedBySelectingAnotherAp() {
            verify("0011", BIRTH_DATE_KEY);
            card.selectInputHelper();
            card.selectSurface();
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void pinBVerifiedInTheInputHelperApDoesNotOpenThisAp() {
            card.selectInputHelper();
            card.selectEf("0015");
            assertEquals(0x9000, card.verify(PIN_B));
            card.selectSurface();
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }
    }

    @Nested
    class ChangeReferenceData {
        @ParameterizedTest
        @ValueSource(strings = {"0011", "0012", "0013"})
        void valuesDerivedFromTheCardFaceAreNeverChanged(String fid) {
            card.selectEf(fid);
            assertEquals(0x6985, change(wrongPinFor(fid)));
            assertEquals(0x9000, card.verify(pinFor(fid)));
            assertEquals(0x6985, change(wrongPinFor(fid)), "not even after VERIFY");
            card.reset();
            card.selectSurface();
            card.selectEf(fid);
            assertEquals(0x9000, card.verify(pinFor(fid)), "the printed value still opens the card");
        }

        private int change(String newPin) {
            return card.send(new CommandAPDU(0x00, 0x24, 0x01, 0x80, newPin.getBytes(StandardCharsets.US_ASCII))).getSW();
        }
    }

    @Nested
    class Personalization {
        @Test
        void lockedApRefusesEveryPersonalizationCommand() {
            card.selectSurface();
            card.assertRefusesPersonalization(0x0017, 0x0001);
            card.selectEf("0013");
            assertEquals(0x9000, card.verify(PIN_A), "the locked AP still answers spec §2 and §5");
        }

        @Test
        void lockedCardKeepsItsKey() throws Exception {
            card.selectSurface();
            assertEquals(0x6985, card.secure(WireCard.generateKeyPair(0x0017)).getSW(), "no new card key");
            card.selectEf("0017");
            byte[] digestInfo = digestInfo("same key");
            assertArrayEquals(digestInfo, recoverPkcs1Type1(perso.cardAuthKey, card.ok(signCommand(digestInfo))));
        }

        @Test
        void pinAWithAWrongCheckDigitCannotBeSet() {
            WireCard blank = new WireCard().installAll();
            blank.selectSurface();
            assertEquals(0x6A80, blank.secure(WireCard.setPin(0x0013, "123456789012")).getSW(), "the government's specimen: check digit 8, not 2");
            assertEquals(0x9000, blank.secure(WireCard.setPin(0x0013, "123456789018")).getSW());
        }

        @Test
        void unfinishedApIsNeverUsable() {
            WireCard blank = new WireCard().installAll();
            blank.selectSurface();
            assertEquals(0x6985, blank.lock(), "LOCK refused: nothing personalized");
            new FaceWirePersonalization().personalizeSurface(blank);
            blank.selectEf("0017");
            assertEquals(0x6985, blank.send(signCommand(digestInfo("x"))).getSW(), "no card authentication before LOCK");
            blank.selectEf("0013");
            assertEquals(0x6985, blank.verify(PIN_A), "VERIFY refused before LOCK");
            assertEquals(0x9000, blank.lock());
            blank.selectEf("0013");
            assertEquals(0x9000, blank.verify(PIN_A));
        }

        @Test
        void lockNeedsTheCardKey() {
            WireCard blank = new WireCard().installAll();
            blank.selectSurface();
            JpkiWirePersonalization.writeEf(blank, "0001", perso.ageRecord);
            JpkiWirePersonalization.writeEf(blank, "0002", perso.frontFace);
            JpkiWirePersonalization.writeEf(blank, "0003", perso.apInfo);
            JpkiWirePersonalization.writeEf(blank, "0004", perso.signerCertificate);
            JpkiWirePersonalization.writeEf(blank, "0005", perso.backFace);
            FaceWirePersonalization.setPin(blank, "0011", BIRTH_DATE_KEY);
            FaceWirePersonalization.setPin(blank, "0012", PIN_B);
            FaceWirePersonalization.setPin(blank, "0013", PIN_A);
            assertEquals(0x6985, blank.lock(), "card-authentication key not generated");
            JpkiWirePersonalization.generateKeyPair(blank, 0x0017);
            assertEquals(0x9000, blank.lock());
        }

        @Test
        void lockNeedsTheBackFace() {
            WireCard blank = new WireCard().installAll();
            blank.selectSurface();
            JpkiWirePersonalization.generateKeyPair(blank, 0x0017);
            JpkiWirePersonalization.writeEf(blank, "0001", perso.ageRecord);
            JpkiWirePersonalization.writeEf(blank, "0002", perso.frontFace);
            JpkiWirePersonalization.writeEf(blank, "0003", perso.apInfo);
            JpkiWirePersonalization.writeEf(blank, "0004", perso.signerCertificate);
            FaceWirePersonalization.setPin(blank, "0011", BIRTH_DATE_KEY);
            FaceWirePersonalization.setPin(blank, "0012", PIN_B);
            FaceWirePersonalization.setPin(blank, "0013", PIN_A);
            assertEquals(0x6985, blank.lock(), "EF 0005 empty");
            JpkiWirePersonalization.writeEf(blank, "0005", perso.backFace);
            assertEquals(0x9000, blank.lock());
        }
    }

    private byte[] readWhole(String fid) {
        card.selectEf(fid);
        return card.ok("00B00000000000");
    }

    private void verify(String pinFid, String pin) {
        card.selectEf(pinFid);
        assertEquals(0x9000, card.verify(pin), () -> "VERIFY " + pinFid);
    }

    private void block(String pinFid) {
        card.selectEf(pinFid);
        for (int i = 0; i < 10; i++) {
            card.verify(wrongPinFor(pinFid));
        }
        assertEquals(0x6984, card.verify(pinFor(pinFid)));
    }

    private static CommandAPDU signCommand(byte[] digestInfo) {
        return new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String pinFor(String fid) {
        switch (fid) {
            case "0011": return BIRTH_DATE_KEY;
            case "0012": return PIN_B;
            case "0013": return PIN_A;
            default: throw new IllegalArgumentException(fid);
        }
    }

    /** Well-formed but wrong: costs a try. */
    static String wrongPinFor(String fid) {
        switch (fid) {
            case "0011": return "991231";
            case "0012": return "99999999999999";
            case "0013": return "000000000019";
            default: throw new IllegalArgumentException(fid);
        }
    }
}
