package jp.mynacard.applet;

import static jp.mynacard.applet.JpkiWirePersonalization.AUTH_CA_CERT_SIZE;
import static jp.mynacard.applet.JpkiWirePersonalization.AUTH_CERT_SIZE;
import static jp.mynacard.applet.JpkiWirePersonalization.AUTH_PIN;
import static jp.mynacard.applet.JpkiWirePersonalization.SIGN_CA_CERT_SIZE;
import static jp.mynacard.applet.JpkiWirePersonalization.SIGN_CERT_SIZE;
import static jp.mynacard.applet.JpkiWirePersonalization.SIGN_PIN;
import static jp.mynacard.applet.JpkiWirePersonalization.certificateShaped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of spec §2 and §3, on the wire, against the JPKI AP in jcardsim. */
class JpkiConformanceTest {
    private static final String SHA256_DIGEST_INFO_PREFIX = "3031300d060960864801650304020105000420";

    private WireCard card;
    private JpkiWirePersonalization keys;

    @BeforeEach
    void issue() {
        card = new WireCard().installJpki();
        keys = JpkiWirePersonalization.personalizeAndLock(card);
        card.reset();
        card.selectJpki();
    }

    @Nested
    class SelectAp {
        @Test
        void withP2NoResponseData() {
            assertEquals(0x9000, card.sw("00A4040C0A" + WireCard.JPKI_AID));
        }

        @Test
        void withP2ReturnFci() {
            assertEquals(0x9000, card.sw("00A404000A" + WireCard.JPKI_AID));
        }

        @Test
        void resetsSecurityStateOfThatAp() {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.selectJpki();
            card.selectEf("0017");
            assertEquals(0x6982, signSw(digestInfo("x")), "auth key unusable after re-selecting the AP");
        }

        @Test
        void unknownApplicationIsNotFound() {
            assertEquals(0x6A82, card.sw("00A4040C0AD3921000310001010499"));
        }
    }

    @Nested
    class SelectEf {
        @ParameterizedTest
        @ValueSource(strings = {"0006", "0008", "000A", "000B", "0001", "0002", "0017", "0018", "001A", "001B"})
        void everyEfOfTheJpkiApIsPresent(String fid) {
            assertEquals(0x9000, card.sw("00A4020C02" + fid));
            assertEquals(0x9000, card.sw("00A4020002" + fid), "P2=00 accepted too");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000", "0003", "0011", "3F00", "FFFF"})
        void absentEfIsNotFound(String fid) {
            assertEquals(0x6A82, card.sw("00A4020C02" + fid));
        }

        @Test
        void fidMustBeTwoBytes() {
            assertEquals(0x6700, card.sw("00A4020C03000A00"));
            assertEquals(0x6700, card.sw("00A4020C01" + "0A"));
        }

        @Test
        void unsupportedP1OrP2() {
            assertEquals(0x6A86, card.sw("00A4010C02000A"));
            assertEquals(0x6A86, card.sw("00A4020402000A"));
        }

        @Test
        void selectingAPinEfMakesItTheTargetOfVerify() {
            card.selectEf("001B");
            assertEquals(0x63C5, card.sw("00200080"), "sign PIN: 5 tries");
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("00200080"), "auth PIN: 3 tries");
        }
    }

    @Nested
    class ReadBinary {
        @Test
        void leZeroReadsUpTo256Bytes() {
            card.selectEf("000A");
            byte[] data = card.ok("00B0000000");
            assertEquals(256, data.length);
            assertEquals("30820" + Integer.toHexString(AUTH_CERT_SIZE - 4 >> 8), WireCard.hex(Arrays.copyOf(data, 3)));
        }

        @Test
        void returnsWhatRemainsWhenFewerThanLe() {
            card.selectEf("000A");
            int offset = AUTH_CERT_SIZE - 10;
            ResponseAPDU response = card.send(new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, 256));
            assertEquals(0x9000, response.getSW());
            assertEquals(10, response.getData().length);
        }

        @Test
        void exactLeIsHonoured() {
            card.selectEf("000A");
            assertEquals(4, card.ok("00B0000004").length, "OpenSC sizes a certificate from its first 4 bytes");
        }

        @Test
        void offsetAtOrBeyondSizeIsWrongP1P2() {
            card.selectEf("000A");
            assertEquals(0x6B00, card.send(new CommandAPDU(0x00, 0xB0, AUTH_CERT_SIZE >> 8, AUTH_CERT_SIZE & 0xFF, 256)).getSW());
            assertEquals(0x6B00, card.sw("00B07F0000"));
        }

        @Test
        void offsetWithHighBitIsRefused() {
            card.selectEf("000A");
            assertEquals(0x6A86, card.sw("00B0800000"));
        }

        @Test
        void noEfSelected() {
            assertEquals(0x6986, card.sw("00B0000000"));
        }

        @Test
        void extendedLengthReadsAWholeCertificateInOneApdu() {
            card.selectEf("0001");
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            card.selectEf("0001");
            ResponseAPDU response = card.send("00B00000000000");
            assertEquals(0x9000, response.getSW());
            assertArrayEquals(certificateShaped(SIGN_CERT_SIZE, 0x01), response.getData());
        }

        @Test
        void extendedLengthWithExplicitLe() {
            card.selectEf("000A");
            byte[] data = card.ok(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 2048));
            assertArrayEquals(certificateShaped(AUTH_CERT_SIZE, 0x0A), data);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0017", "001A", "0018", "001B"})
        void keysAndPinsAreNeverReadable(String fid) {
            card.selectEf(fid);
            assertEquals(0x6981, card.sw("00B0000000"));
            card.selectEf("0018");
            card.verify(AUTH_PIN);
            card.selectEf("001B");
            card.verify(SIGN_PIN);
            card.selectEf(fid);
            assertEquals(0x6981, card.sw("00B0000000"), "not even with both PINs verified");
        }
    }

    @Nested
    class JpkiFiles {
        /** EF 0006 is a 160-byte CK_TOKEN_INFO (C7): what a reader that reads the first 32 bytes and trims finds. */
        @Test
        void tokenIsA160ByteTokenInfoLabelledJpkiapicctoken2() {
            card.selectEf("0006");
            byte[] token = card.ok("00B0000000");
            assertEquals(160, token.length);
            assertEquals("JPKIAPICCTOKEN2                 ", new String(token, 0, 32, StandardCharsets.US_ASCII));
            assertEquals("JPKIAPICCTOKEN2", new String(card.ok("00B0000020"), StandardCharsets.US_ASCII).trim(),
                    "jpki/myna reads 32 bytes and trims the spaces");
        }

        /** The fields after the label, as PKCS#11 lays them out with 4-byte big-endian integers. */
        @Test
        void tokenInfoCarriesFlagsAndPinLengthsWherePkcs11PutsThem() {
            card.selectEf("0006");
            byte[] token = card.ok("00B0000000");
            assertEquals("0000040E", WireCard.hex(java.util.Arrays.copyOfRange(token, 96, 100)).toUpperCase(),
                    "write-protected, login required, user PIN and token initialised");
            assertEquals("00000010", WireCard.hex(java.util.Arrays.copyOfRange(token, 116, 120)), "ulMaxPinLen: the sign PIN's 16");
            assertEquals("00000004", WireCard.hex(java.util.Arrays.copyOfRange(token, 120, 124)), "ulMinPinLen: the auth PIN's 4");
            assertEquals("0100", WireCard.hex(java.util.Arrays.copyOfRange(token, 140, 142)), "hardwareVersion");
        }

        /** EF 0008, no PIN: 8F for each certificate the card holds (sign, auth), then 00. */
        @Test
        void certificateAvailabilityNamesBothCertificates() {
            card.selectEf("0008");
            assertEquals("8F8F00", WireCard.hex(card.ok("00B0000000")).toUpperCase());
        }

        /** The card keeps EF 0008 itself: a card without a signature certificate says so (a holder under 15). */
        @Test
        void certificateAvailabilityFollowsTheCertificates() {
            WireCard blank = new WireCard().installJpki();
            blank.selectJpki();
            blank.selectEf("0008");
            assertEquals("000000", WireCard.hex(blank.ok("00B0000000")));
            JpkiWirePersonalization.writeEf(blank, "000A", certificateShaped(AUTH_CERT_SIZE, 0x0A));
            blank.selectEf("0008");
            assertEquals("008F00", WireCard.hex(blank.ok("00B0000000")).toUpperCase());
            JpkiWirePersonalization.writeEf(blank, "0001", certificateShaped(SIGN_CERT_SIZE, 0x01));
            blank.selectEf("0008");
            assertEquals("8F8F00", WireCard.hex(blank.ok("00B0000000")).toUpperCase());
            JpkiWirePersonalization.generateKeyPair(blank, 0x001A); // a new signature key empties its certificate
            blank.selectEf("0008");
            assertEquals("008F00", WireCard.hex(blank.ok("00B0000000")).toUpperCase());
        }

        @Test
        void certificatesExceptTheSignatureOneAreAlwaysReadable() {
            assertArrayEquals(certificateShaped(AUTH_CERT_SIZE, 0x0A), readWhole("000A"));
            assertArrayEquals(certificateShaped(AUTH_CA_CERT_SIZE, 0x0B), readWhole("000B"));
            assertArrayEquals(certificateShaped(SIGN_CA_CERT_SIZE, 0x02), readWhole("0002"));
        }

        @Test
        void signatureCertificateNeedsTheSignPin() {
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000004"));
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000004"), "the auth PIN does not open it");
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            assertArrayEquals(certificateShaped(SIGN_CERT_SIZE, 0x01), readWhole("0001"));
        }

        private byte[] readWhole(String fid) {
            card.selectEf(fid);
            return card.ok("00B00000000000");
        }
    }

    @Nested
    class Verify {
        @Test
        void rightPinAnswers9000AndRestoresTheCounter() {
            card.selectEf("0018");
            assertEquals(0x63C2, card.verify("0000"));
            assertEquals(0x9000, card.verify(AUTH_PIN));
            assertEquals(0x63C3, card.sw("00200080"));
        }

        @Test
        void wrongPinCountsDownToBlocked() {
            card.selectEf("0018");
            assertEquals(0x63C2, card.verify("0000"));
            assertEquals(0x63C1, card.verify("1111"));
            assertEquals(0x63C0, card.verify("2222"));
            assertEquals(0x6984, card.verify(AUTH_PIN), "blocked: even the right PIN is refused");
            assertEquals(0x63C0, card.sw("00200080"));
        }

        @Test
        void signPinHasFiveTries() {
            card.selectEf("001B");
            for (int left = 4; left >= 0; left--) {
                assertEquals(0x63C0 | left, card.verify("WRONG1"));
            }
            assertEquals(0x6984, card.verify(SIGN_PIN));
        }

        @Test
        void withoutDataAnswersTriesLeftEvenWhenVerified() {
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("00200080"));
            assertEquals(0x9000, card.verify(AUTH_PIN));
            assertEquals(0x63C3, card.sw("00200080"), "never 9000: OpenSC reads the counter this way");
            card.selectEf("001B");
            assertEquals(0x63C5, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", "12345", "12a4", "ABCD"})
        void malformedAuthPinIsRefusedWithoutCostingATry(String pin) {
            card.selectEf("0018");
            assertEquals(0x6A80, card.verify(pin));
            assertEquals(0x63C3, card.sw("00200080"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ABCDE", "abcdef12", "ABCDEF12ABCDEF123", "ABC-EF12"})
        void malformedSignPinIsRefusedWithoutCostingATry(String pin) {
            card.selectEf("001B");
            assertEquals(0x6A80, card.verify(pin));
            assertEquals(0x63C5, card.sw("00200080"));
        }

        @Test
        void signPinOfSixAndSixteenCharactersIsWellFormed() {
            card.selectEf("001B");
            assertEquals(0x63C4, card.verify("ABC123"));
            assertEquals(0x63C3, card.verify("ABCDEFGHIJ012345"));
        }

        @Test
        void needsAPinEfSelected() {
            assertEquals(0x6986, card.verify(AUTH_PIN));
            card.selectEf("000A");
            assertEquals(0x6981, card.verify(AUTH_PIN));
        }

        @Test
        void wrongP1P2() {
            card.selectEf("0018");
            assertEquals(0x6A86, card.sw("0020000104" + WireCard.hex(AUTH_PIN.getBytes(StandardCharsets.US_ASCII))));
        }

        @Test
        void countersSurviveAReset() {
            card.selectEf("0018");
            card.verify("0000");
            card.verify("0000");
            card.reset();
            card.selectJpki();
            card.selectEf("0018");
            assertEquals(0x63C1, card.sw("00200080"));
        }

        @Test
        void blockingTheAuthPinLeavesTheSignPinAlone() {
            card.selectEf("0018");
            for (int i = 0; i < 3; i++) {
                card.verify("0000");
            }
            card.selectEf("001B");
            assertEquals(0x63C5, card.sw("00200080"));
            assertEquals(0x9000, card.verify(SIGN_PIN));
        }
    }

    @Nested
    class ChangeReferenceData {
        @Test
        void afterVerifyOfThatPinSetsANewOne() {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            assertEquals(0x9000, change("9876"));
            card.reset();
            card.selectJpki();
            card.selectEf("0018");
            assertEquals(0x63C2, card.verify(AUTH_PIN), "old PIN no longer valid");
            assertEquals(0x9000, card.verify("9876"));
        }

        @Test
        void withoutVerifyInThisSessionIsRefused() {
            card.selectEf("0018");
            assertEquals(0x6982, change("9876"));
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            card.selectEf("0018");
            assertEquals(0x6982, change("9876"), "verifying another PIN does not count");
        }

        @Test
        void newPinMustHaveThePinsFormat() {
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            assertEquals(0x6A80, change("short"));
            assertEquals(0x6A80, change("lowercase1"));
            assertEquals(0x9000, change("NEWPIN2026"));
        }

        @Test
        void verifiedStateDoesNotSurviveReset() {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.reset();
            card.selectJpki();
            card.selectEf("0018");
            assertEquals(0x6982, change("9876"));
        }

        @Test
        void blockedPinCannotBeChanged() {
            card.selectEf("0018");
            for (int i = 0; i < 3; i++) {
                card.verify("0000");
            }
            assertEquals(0x6984, change("9876"));
        }

        private int change(String newPin) {
            return card.send(new CommandAPDU(0x00, 0x24, 0x01, 0x80, newPin.getBytes(StandardCharsets.US_ASCII))).getSW();
        }
    }

    @Nested
    class ComputeDigitalSignature {
        @Test
        void authKeySignsAfterAuthPin() throws Exception {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            byte[] digestInfo = digestInfo("hello");
            card.selectEf("0017");
            byte[] signature = card.ok(signCommand(digestInfo));
            assertEquals(256, signature.length);
            assertArrayEquals(digestInfo, recoverPkcs1Type1(keys.authKey, signature));
        }

        @Test
        void signKeySignsAfterSignPin() throws Exception {
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            byte[] digestInfo = digestInfo("contract");
            card.selectEf("001A");
            byte[] signature = card.ok(signCommand(digestInfo));
            assertArrayEquals(digestInfo, recoverPkcs1Type1(keys.signKey, signature));
            java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.signKey);
            verifier.update("contract".getBytes(StandardCharsets.UTF_8));
            assertEquals(true, verifier.verify(signature), "a standard SHA256withRSA verifier accepts it");
        }

        @Test
        void keyUnusableWithoutItsPin() {
            card.selectEf("0017");
            assertEquals(0x6982, signSw(digestInfo("x")));
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            card.selectEf("0017");
            assertEquals(0x6982, signSw(digestInfo("x")), "the sign PIN does not unlock the auth key");
        }

        @Test
        void longestDigestInfoIs245Bytes() {
            card.selectEf("0018");
            card.verify(AUTH_PIN);
            card.selectEf("0017");
            assertEquals(0x9000, signSw(new byte[245]));
            assertEquals(0x6700, signSw(new byte[246]));
        }

        @Test
        void needsAKeyEfSelected() {
            card.selectEf("0018");
            card.verify(AUTH_PIN);
            assertEquals(0x6981, signSw(digestInfo("x")));
            card.selectJpki();
            assertEquals(0x6986, signSw(digestInfo("x")));
        }

        @Test
        void blockedSignPinMakesTheSignKeyUnusable() {
            card.selectEf("001B");
            for (int i = 0; i < 5; i++) {
                card.verify("WRONG1");
            }
            assertEquals(0x6984, card.verify(SIGN_PIN));
            card.selectEf("001A");
            assertEquals(0x6982, signSw(digestInfo("x")));
            card.selectEf("0001");
            assertEquals(0x6982, card.sw("00B0000004"));
        }

        @Test
        void securityStateIsClearedByCardReset() {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.reset();
            card.selectJpki();
            card.selectEf("0017");
            assertEquals(0x6982, signSw(digestInfo("x")));
        }

        @Test
        void securityStateIsClearedBySelectingAnotherAp() {
            String otherAid = "D3921000310001010408";
            card.install(otherAid, InputHelperApplet.class);
            card.selectJpki();
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.ok("00A4040C0A" + otherAid);
            card.selectJpki();
            card.selectEf("0017");
            assertEquals(0x6982, signSw(digestInfo("x")));
        }

        @Test
        void wrongP1P2() {
            card.selectEf("0018");
            card.verify(AUTH_PIN);
            card.selectEf("0017");
            assertEquals(0x6A86, card.send(new CommandAPDU(0x80, 0x2A, 0x9E, 0x9A, digestInfo("x"), 256)).getSW());
            assertEquals(0x6A86, card.send(new CommandAPDU(0x80, 0x2A, 0x01, 0x80, digestInfo("x"), 256)).getSW(), "P1 01");
            assertEquals(0x6A86, card.send(new CommandAPDU(0x80, 0x2A, 0x00, 0x00, digestInfo("x"), 256)).getSW(),
                    "P2 00: the JPKI AP has no key of its own, a key EF must be named");
            assertEquals(0x6A86, card.send(new CommandAPDU(0x80, 0x2A, 0x00, 0x17, digestInfo("x"), 256)).getSW(),
                    "an SFI without the 80 bit");
        }

        /** C9: P2 = 80|SFI names the key EF, no SELECT of it needed (80|17 = 97, 80|1A = 9A). */
        @Test
        void p2WithAShortEfIdNamesTheKey() throws Exception {
            card.selectEf("0018");
            assertEquals(0x9000, card.verify(AUTH_PIN));
            card.selectEf("000A"); // a certificate EF selected: P2 names the key regardless
            byte[] digestInfo = digestInfo("by short id");
            byte[] signature = card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x97, digestInfo, 256));
            assertArrayEquals(digestInfo, recoverPkcs1Type1(keys.authKey, signature));
            assertEquals(0x6982, card.send(new CommandAPDU(0x80, 0x2A, 0x00, 0x9A, digestInfo, 256)).getSW(),
                    "the signature key still wants its own PIN");
            card.selectEf("001B");
            assertEquals(0x9000, card.verify(SIGN_PIN));
            assertArrayEquals(digestInfo, recoverPkcs1Type1(keys.signKey,
                    card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x9A, digestInfo, 256))));
            assertEquals(0x6981, card.send(new CommandAPDU(0x80, 0x2A, 0x00, 0x98, digestInfo, 256)).getSW(),
                    "EF 0018 is a PIN, not a key");
            assertEquals(0x6A82, card.send(new CommandAPDU(0x80, 0x2A, 0x00, 0x9F, digestInfo, 256)).getSW(),
                    "no EF 001F");
        }
    }

    @Nested
    class OtherStatusWords {
        @Test
        void unknownInstruction() {
            assertEquals(0x6D00, card.sw("00CA000000"));
            assertEquals(0x6D00, card.sw("00880000"));
        }

        /** C10: CLA 01-03 (logical channels 1-3) work as the basic channel; the secure-messaging bits do not. */
        @Test
        void logicalChannelsWorkAsTheBasicChannel() {
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("01200080"), "VERIFY tries on channel 1");
            assertEquals(0x9000, card.sw("02A4020C020006"), "SELECT EF on channel 2");
            assertEquals(160, card.ok("03B0000000").length, "READ BINARY on channel 3");
            assertEquals(0x9000, card.sw("01A4020C020018"));
            assertEquals(0x9000, card.send(new CommandAPDU(0x01, 0x20, 0x00, 0x80, AUTH_PIN.getBytes(StandardCharsets.US_ASCII))).getSW());
            card.selectEf("0017");
            assertEquals(256, card.ok(new CommandAPDU(0x81, 0x2A, 0x00, 0x80, digestInfo("x"), 256)).length,
                    "COMPUTE DIGITAL SIGNATURE on channel 1");
        }

        @Test
        void unknownClass() {
            assertEquals(0x6E00, card.sw("A0B0000000"));
            assertEquals(0x6E00, card.sw("0CB0000000"), "secure messaging is not offered");
        }
    }

    /** C15: the JPKI AP of a phone's secure element, the token form in the install data. */
    @Nested
    class SmartphoneToken {
        @ParameterizedTest
        @CsvSource({"1, JPKIAPGPSETOKEN", "2, JPKIAPIOSTOKEN", "0, JPKIAPICCTOKEN2"})
        void theTokenNamesTheForm(byte form, String label) {
            WireCard phone = new WireCard().install(WireCard.JPKI_AID, JpkiApplet.class, form);
            phone.selectJpki();
            phone.selectEf("0006");
            byte[] token = phone.ok("00B0000000");
            assertEquals(160, token.length);
            assertEquals(label, new String(token, 0, 32, StandardCharsets.US_ASCII).trim());
        }

        @Test
        void aPhonesAuthenticationCertificateNeedsTheAuthenticationPin() {
            WireCard phone = new WireCard().install(WireCard.JPKI_AID, JpkiApplet.class, JpkiApplet.FORM_ANDROID);
            JpkiWirePersonalization.personalizeAndLock(phone);
            phone.reset();
            phone.selectJpki();
            phone.selectEf("000A");
            assertEquals(0x6982, phone.sw("00B0000004"), "not before the PIN, unlike the card's");
            phone.selectEf("000B");
            assertEquals(4, phone.ok("00B0000004").length, "its CA certificate stays public");
            phone.selectEf("0018");
            assertEquals(0x9000, phone.verify(AUTH_PIN));
            phone.selectEf("000A");
            assertEquals(4, phone.ok("00B0000004").length);
        }

        @Test
        void anUnknownFormIsRefusedAtInstall() {
            assertThrows(RuntimeException.class, () -> new WireCard().install(WireCard.JPKI_AID, JpkiApplet.class, (byte) 3));
        }
    }

    @Nested
    class Personalization {
        @Test
        void lockedCardRefusesEveryPersonalizationCommand() {
            card.selectJpki();
            card.assertRefusesPersonalization(0x000B, 0x000B); // the CA certificate: fixed at issuance
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("00200080"));
            assertEquals(0x9000, card.verify(AUTH_PIN), "the locked card still answers spec §2-§3");
        }

        @Test
        void unfinishedCardIsNeverUsable() {
            WireCard blank = new WireCard().installJpki();
            blank.selectJpki();
            assertEquals(0x6985, blank.lock(), "LOCK refused: nothing personalized");
            JpkiWirePersonalization.personalize(blank);
            blank.selectEf("0018");
            assertEquals(0x6985, blank.verify(AUTH_PIN), "VERIFY refused before LOCK");
            blank.selectEf("0017");
            assertEquals(0x6985, blank.send(signCommand(digestInfo("x"))).getSW());
            assertEquals(0x9000, blank.lock());
            blank.selectEf("0018");
            assertEquals(0x9000, blank.verify(AUTH_PIN));
        }

        @Test
        void keysAreGeneratedOnTheCardAndDifferPerCard() {
            WireCard other = new WireCard().installJpki();
            JpkiWirePersonalization otherKeys = JpkiWirePersonalization.personalizeAndLock(other);
            assertNotEquals(keys.authKey.getModulus(), otherKeys.authKey.getModulus());
            assertNotEquals(keys.authKey.getModulus(), keys.signKey.getModulus());
            assertEquals(2048, keys.authKey.getModulus().bitLength());
        }

        @Test
        void updateBeyondCapacityIsRefusedAndLeavesTheFile() {
            WireCard blank = new WireCard().installJpki();
            blank.selectJpki();
            JpkiWirePersonalization.writeEf(blank, "000A", certificateShaped(100, 0x0A));
            assertEquals(0x6A84, blank.secure(WireCard.updateBinary(0x000A, 0x0FFF, new byte[] {(byte) 0xAA, (byte) 0xAA})).getSW());
            blank.selectEf("000A");
            assertArrayEquals(certificateShaped(100, 0x0A), blank.ok("00B00000000000"));
        }

        @Test
        void pinWithWrongFormatCannotBeSet() {
            WireCard blank = new WireCard().installJpki();
            blank.selectJpki();
            assertEquals(0x6A80, blank.secure(WireCard.setPin(0x0018, "12345")).getSW());
        }
    }

    private int signSw(byte[] digestInfo) {
        return card.send(signCommand(digestInfo)).getSW();
    }

    private static CommandAPDU signCommand(byte[] digestInfo) {
        return new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256);
    }

    static byte[] digestInfo(String message) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
            byte[] prefix = WireCard.bytes(SHA256_DIGEST_INFO_PREFIX);
            byte[] out = Arrays.copyOf(prefix, prefix.length + hash.length);
            System.arraycopy(hash, 0, out, prefix.length, hash.length);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Undoes the signature with the public key and checks the PKCS#1 v1.5 type 1 block around the DigestInfo. */
    static byte[] recoverPkcs1Type1(RSAPublicKey key, byte[] signature) throws Exception {
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, key);
        byte[] block = raw.doFinal(signature);
        assertEquals(256, block.length);
        assertEquals(0x00, block[0]);
        assertEquals(0x01, block[1], "block type 1");
        int separator = 2;
        while (block[separator] == (byte) 0xFF) {
            separator++;
        }
        assertEquals(0x00, block[separator]);
        assertEquals(true, separator - 2 >= 8, "at least 8 bytes of FF padding");
        return Arrays.copyOfRange(block, separator + 1, block.length);
    }
}
