package jp.mynacard.applet;

import static jp.mynacard.applet.FaceWirePersonalization.PIN;
import static jp.mynacard.applet.FaceWirePersonalization.PIN_A;
import static jp.mynacard.applet.FaceWirePersonalization.PIN_B;
import static jp.mynacard.applet.FaceWirePersonalization.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of spec §4 and the §2 rules as they apply to it, on the wire, against the card-input-helper AP. */
class InputHelperConformanceTest {
    private WireCard card;
    private FaceWirePersonalization perso;

    @BeforeEach
    void issue() {
        card = new WireCard().installAll();
        perso = FaceWirePersonalization.personalizeAndLock(card);
        card.reset();
        card.selectInputHelper();
    }

    @Nested
    class SelectAp {
        @Test
        void withP2NoResponseDataOrReturnFci() {
            assertEquals(0x9000, card.sw("00A4040C0A" + WireCard.INPUT_HELPER_AID));
            assertEquals(0x9000, card.sw("00A404000A" + WireCard.INPUT_HELPER_AID));
        }

        @Test
        void reselectingTheApResetsItsSecurityState() {
            verify("0011", PIN);
            card.selectInputHelper();
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
        }
    }

    @Nested
    class SelectEf {
        @ParameterizedTest
        @ValueSource(strings = {"0001", "0002", "0003", "0004", "0005", "0011", "0014", "0015"})
        void everyEfOfSection4IsPresent(String fid) {
            assertEquals(0x9000, card.sw("00A4020C02" + fid));
            assertEquals(0x9000, card.sw("00A4020002" + fid), "P2=00 accepted too");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000", "0006", "000A", "0012", "0013", "0017", "0018"})
        void absentEfIsNotFound(String fid) {
            assertEquals(0x6A82, card.sw("00A4020C02" + fid));
        }
    }

    @Nested
    class ReadConditions {
        @ParameterizedTest
        @ValueSource(strings = {"0001", "0002", "0003"})
        void protectedEfWithoutPinIsRefused(String fid) {
            card.selectEf(fid);
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void myNumberOpensWithPin() {
            verify("0011", PIN);
            assertArrayEquals(perso.myNumber, readWhole("0001"));
        }

        @Test
        void myNumberOpensWithPinA() {
            verify("0014", PIN_A);
            byte[] file = readWhole("0001");
            assertEquals("FF100C" + WireCard.hex(PIN_A.getBytes(StandardCharsets.US_ASCII)).toUpperCase() + "FFFF",
                    WireCard.hex(file).toUpperCase());
        }

        /** jpki/myna (libmyna/text_ap.go ReadMyNumber, src/text.rs mynumber) reads 17 bytes and needs all 17. */
        @Test
        void myNumberIsSeventeenBytesAsReadersReadIt() {
            verify("0014", PIN_A);
            card.selectEf("0001");
            ResponseAPDU whole = card.send("00B0000011");
            assertEquals(0x9000, whole.getSW());
            assertEquals(17, whole.getData().length);
            assertEquals(0x6B00, card.sw("00B0001101"), "nothing after the 17 bytes");
        }

        /** jpki/myna's `text info` (libmyna/text_ap.go ReadBasicInfo) reads exactly 256 bytes, no PIN. */
        @Test
        void apBasicDataIsReadableWithoutPin() {
            card.selectEf("0005");
            ResponseAPDU whole = card.send("00B0000000");
            assertEquals(0x9000, whole.getSW());
            assertArrayEquals(perso.apBasicData, whole.getData());
            assertEquals("FF401ADF410401000000DF4210", WireCard.hex(Arrays.copyOf(whole.getData(), 13)).toUpperCase());
        }

        @Test
        void myNumberStaysClosedWithPinB() {
            verify("0015", PIN_B);
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void attributesOpenWithPin() {
            verify("0011", PIN);
            assertArrayEquals(perso.attributes, readWhole("0002"));
        }

        @Test
        void attributesOpenWithPinB() {
            verify("0015", PIN_B);
            byte[] file = readWhole("0002");
            assertArrayEquals(perso.attributes, file);
            String text = new String(file, StandardCharsets.UTF_8);
            assertTrue(text.contains(FaceWirePersonalization.NAME) && text.contains(FaceWirePersonalization.ADDRESS));
        }

        @Test
        void attributesStayClosedWithPinA() {
            verify("0014", PIN_A);
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0011", "0014", "0015"})
        void signatureOpensWithAnyOfTheThreePins(String pinFid) {
            verify(pinFid, pinFor(pinFid));
            byte[] file = readWhole("0003");
            assertEquals(336, file.length);
            assertArrayEquals(perso.signature, file);
        }

        @Test
        void signerCertificateIsAlwaysReadableInOneExtendedApdu() {
            assertArrayEquals(perso.signerCertificate, readWhole("0004"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0011", "0014", "0015"})
        void pinEfsAreNeverReadable(String fid) {
            verify("0011", PIN);
            verify("0014", PIN_A);
            verify("0015", PIN_B);
            card.selectEf(fid);
            assertEquals(0x6981, card.sw("00B0000000"));
        }

        @Test
        void blockedPinOpensNothing() {
            block("0014", 10);
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
            card.selectEf("0003");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void hostProvesTheDataGenuineWithEf0003AndTheSigner() throws Exception {
            verify("0011", PIN);
            byte[] myNumber = readWhole("0001");
            byte[] attributes = readWhole("0002");
            byte[] signature = readWhole("0003");
            assertEquals("ff3082014bdf3120", WireCard.hex(Arrays.copyOf(signature, 8)));
            assertArrayEquals(sha256(Arrays.copyOf(myNumber, 15)), Arrays.copyOfRange(signature, 8, 40), "DF 31: the FF 10 TLV, not the padding");
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(FaceWirePersonalization.signerPublicKey());
            verifier.update(Arrays.copyOfRange(signature, 5, 5 + 35 + 35));
            assertTrue(verifier.verify(Arrays.copyOfRange(signature, 80, 336)));
            assertEquals(0xFF20, (attributes[0] & 0xFF) << 8 | attributes[1] & 0xFF);
        }

        private byte[] readWhole(String fid) {
            card.selectEf(fid);
            return card.ok("00B00000000000");
        }
    }

    @Nested
    class Verify {
        @Test
        void pinHasThreeTriesAndBlocks() {
            card.selectEf("0011");
            assertEquals(0x63C3, card.sw("00200080"));
            assertEquals(0x63C2, card.verify("0000"));
            assertEquals(0x63C1, card.verify("0000"));
            assertEquals(0x63C0, card.verify("0000"));
            assertEquals(0x6984, card.verify(PIN), "blocked: even the right PIN is refused");
            assertEquals(0x63C0, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0014", "0015"})
        void pinAAndPinBHaveTenTriesAndBlock(String fid) {
            card.selectEf(fid);
            assertEquals(0x63CA, card.sw("00200080"));
            String wrong = wrongPinFor(fid);
            for (int left = 9; left >= 0; left--) {
                assertEquals(0x63C0 | left, card.verify(wrong));
            }
            assertEquals(0x6984, card.verify(pinFor(fid)));
            assertEquals(0x63C0, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0011", "0014", "0015"})
        void rightPinRestoresTheCounterAndVerifyWithoutDataNeverAnswers9000(String fid) {
            card.selectEf(fid);
            int max = fid.equals("0011") ? 3 : 10;
            assertEquals(0x63C0 | max - 1, card.verify(wrongPinFor(fid)));
            assertEquals(0x9000, card.verify(pinFor(fid)));
            assertEquals(0x63C0 | max, card.sw("00200080"), "verified, yet a tries query answers 63Cx");
        }

        @Test
        void blockingThePinLeavesPinAAndPinBAlone() {
            block("0011", 3);
            assertOthersIntact("0014", "0015");
        }

        @Test
        void blockingPinALeavesThePinAndPinBAlone() {
            block("0014", 10);
            assertOthersIntact("0011", "0015");
        }

        @Test
        void blockingPinBLeavesThePinAndPinAAlone() {
            block("0015", 10);
            assertOthersIntact("0011", "0014");
        }

        private void assertOthersIntact(String... fids) {
            for (String fid : fids) {
                card.selectEf(fid);
                assertEquals(0x63C0 | (fid.equals("0011") ? 3 : 10), card.sw("00200080"), fid);
                assertEquals(0x9000, card.verify(pinFor(fid)), fid);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345678901", "1234567890189", "12345678901A", "123456789012"})
        void malformedPinAIsRefusedWithoutCostingATry(String pinA) {
            card.selectEf("0014");
            assertEquals(0x6A80, card.verify(pinA), "123456789012 fails the check digit");
            assertEquals(0x63CA, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0103312034567", "010331203456789", "0103312034567X"})
        void malformedPinBIsRefusedWithoutCostingATry(String pinB) {
            card.selectEf("0015");
            assertEquals(0x6A80, card.verify(pinB));
            assertEquals(0x63CA, card.sw("00200080"));
        }

        @Test
        void countersSurviveAReset() {
            card.selectEf("0015");
            card.verify(wrongPinFor("0015"));
            card.reset();
            card.selectInputHelper();
            card.selectEf("0015");
            assertEquals(0x63C9, card.sw("00200080"));
        }
    }

    @Nested
    class SecurityState {
        @Test
        void clearedByCardReset() {
            verify("0011", PIN);
            card.reset();
            card.selectInputHelper();
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void clearedBySelectingAnotherAp() {
            verify("0015", PIN_B);
            card.ok("00A4040C0A" + WireCard.JPKI_AID);
            card.selectInputHelper();
            card.selectEf("0002");
            assertEquals(0x6982, card.sw("00B0000000"));
        }

        @Test
        void pinAVerifiedInTheSurfaceApDoesNotOpenThisAp() {
            card.selectSurface();
            card.selectEf("0013");
            assertEquals(0x9000, card.verify(PIN_A));
            card.selectInputHelper();
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000000"));
        }
    }

    @Nested
    class ChangeReferenceData {
        @Test
        void pinChangesAfterItsVerify() {
            verify("0011", PIN);
            assertEquals(0x9000, change("9876"));
            card.reset();
            card.selectInputHelper();
            card.selectEf("0011");
            assertEquals(0x63C2, card.verify(PIN), "old PIN no longer valid");
            assertEquals(0x9000, card.verify("9876"));
        }

        @Test
        void pinNeedsItsOwnVerifyInThisSession() {
            card.selectEf("0011");
            assertEquals(0x6982, change("9876"));
            verify("0014", PIN_A);
            card.selectEf("0011");
            assertEquals(0x6982, change("9876"), "verifying another PIN does not count");
        }

        @Test
        void newPinMustBeFourDigits() {
            verify("0011", PIN);
            assertEquals(0x6A80, change("987"));
            assertEquals(0x6A80, change("98765"));
            assertEquals(0x6A80, change("98a6"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0014", "0015"})
        void pinAAndPinBDerivedFromTheCardFaceAreNeverChanged(String fid) {
            card.selectEf(fid);
            assertEquals(0x6985, change(pinFor(fid)));
            assertEquals(0x9000, card.verify(pinFor(fid)));
            assertEquals(0x6985, change(fid.equals("0014") ? "000000000019" : "99999999999999"), "not even after VERIFY");
            card.reset();
            card.selectInputHelper();
            assertEquals(0x9000, verifySw(fid, pinFor(fid)), "the printed value still opens the card");
        }

        private int change(String newPin) {
            return card.send(new CommandAPDU(0x00, 0x24, 0x01, 0x80, newPin.getBytes(StandardCharsets.US_ASCII))).getSW();
        }
    }

    @Nested
    class Personalization {
        @Test
        void lockedApRefusesEveryPersonalizationCommand() {
            card.selectInputHelper();
            card.assertRefusesPersonalization(0x0011, 0x0001);
            card.selectEf("0014");
            assertEquals(0x9000, card.verify(PIN_A), "the locked AP still answers spec §2 and §4");
        }

        @Test
        void pinAWithAWrongCheckDigitCannotBeSet() {
            WireCard blank = new WireCard().installAll();
            blank.selectInputHelper();
            assertEquals(0x6A80, blank.secure(WireCard.setPin(0x0014, "123456789012")).getSW(), "the government's specimen: check digit 8, not 2");
            assertEquals(0x9000, blank.secure(WireCard.setPin(0x0014, "123456789018")).getSW());
        }

        @Test
        void pinsWithWrongLengthCannotBeSet() {
            WireCard blank = new WireCard().installAll();
            blank.selectInputHelper();
            assertEquals(0x6A80, blank.secure(WireCard.setPin(0x0015, "0103312034567")).getSW());
            assertEquals(0x6A80, blank.secure(WireCard.setPin(0x0011, "12345")).getSW());
        }

        @Test
        void unfinishedApIsNeverUsable() {
            WireCard blank = new WireCard().installAll();
            blank.selectInputHelper();
            assertEquals(0x6985, blank.lock(), "LOCK refused: nothing personalized");
            new FaceWirePersonalization().personalizeInputHelper(blank);
            blank.selectEf("0011");
            assertEquals(0x6985, blank.verify(PIN), "VERIFY refused before LOCK");
            assertEquals(0x9000, blank.lock());
            blank.selectEf("0011");
            assertEquals(0x9000, blank.verify(PIN));
        }

        @Test
        void lockNeedsAFullSizeSignatureFile() {
            WireCard blank = new WireCard().installAll();
            FaceWirePersonalization partial = new FaceWirePersonalization();
            partial.personalizeInputHelper(blank);
            JpkiWirePersonalization.writeEf(blank, "0003", Arrays.copyOf(partial.signature, 335));
            assertEquals(0x6985, blank.lock(), "EF 0003 must be exactly 336 bytes");
            assertEquals(0x6A84, blank.secure(WireCard.updateBinary(0x0003, 100, new byte[237])).getSW());
            JpkiWirePersonalization.writeEf(blank, "0003", partial.signature);
            assertEquals(0x9000, blank.lock());
        }

        @Test
        void lockNeedsEveryPin() {
            WireCard blank = new WireCard().installAll();
            blank.selectInputHelper();
            byte[] myNumber = FaceWirePersonalization.myNumberFile();
            byte[] attributes = FaceWirePersonalization.attributes();
            JpkiWirePersonalization.writeEf(blank, "0001", myNumber);
            JpkiWirePersonalization.writeEf(blank, "0002", attributes);
            JpkiWirePersonalization.writeEf(blank, "0003", FaceWirePersonalization.inputHelperSignature(myNumber, attributes));
            JpkiWirePersonalization.writeEf(blank, "0004", perso.signerCertificate);
            JpkiWirePersonalization.writeEf(blank, "0005", perso.apBasicData);
            FaceWirePersonalization.setPin(blank, "0011", PIN);
            FaceWirePersonalization.setPin(blank, "0014", PIN_A);
            assertEquals(0x6985, blank.lock(), "PIN-B not set");
            FaceWirePersonalization.setPin(blank, "0015", PIN_B);
            assertEquals(0x9000, blank.lock());
        }
    }

    private void verify(String pinFid, String pin) {
        card.selectEf(pinFid);
        assertEquals(0x9000, card.verify(pin), () -> "VERIFY " + pinFid);
    }

    private int verifySw(String pinFid, String pin) {
        card.selectEf(pinFid);
        return card.verify(pin);
    }

    private void block(String pinFid, int tries) {
        card.selectEf(pinFid);
        for (int i = 0; i < tries; i++) {
            card.verify(wrongPinFor(pinFid));
        }
        assertEquals(0x6984, card.verify(pinFor(pinFid)));
    }

    static String pinFor(String fid) {
        switch (fid) {
            case "0011": return PIN;
            case "0014": return PIN_A;
            case "0015": return PIN_B;
            default: throw new IllegalArgumentException(fid);
        }
    }

    /** Well-formed but wrong: costs a try. */
    static String wrongPinFor(String fid) {
        switch (fid) {
            case "0011": return "0000";
            case "0014": return "000000000019";
            case "0015": return "99999999999999";
            default: throw new IllegalArgumentException(fid);
        }
    }
}
