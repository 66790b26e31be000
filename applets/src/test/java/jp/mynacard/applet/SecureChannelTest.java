package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.perso.channel.PersonalizationSession;
import jp.mynacard.perso.channel.PersonalizationStatus;
import jp.mynacard.perso.channel.SecureChannel;
import jp.mynacard.perso.channel.SecureChannelException;
import jp.mynacard.perso.counter.CounterPin;
import jp.mynacard.perso.counter.PinUnblock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The secure personalization channel on the wire (docs/personalization-commands.md): a captured
 * session cannot be replayed, reordered or shortened, the wrong issuer key gets nowhere, a torn
 * personalization is seen and wiped, and after LOCK only the counter's commands remain.
 */
class SecureChannelTest {

    @Nested
    class Capture {
        @Test
        void aRecordedSessionReplayedOnAFreshCardOfTheSameSerialWritesNothing() {
            WireCard original = new WireCard("WCREPLAY0001").installJpki();
            original.selectJpki();
            original.trace.clear();
            JpkiWirePersonalization.personalizeAndLock(original);
            List<byte[]> commands = commandsOf(original.trace);
            assertTrue(commands.size() > 25, "a whole JPKI personalization was captured");

            WireCard copy = new WireCard("WCREPLAY0001").installJpki();
            List<Integer> answers = new ArrayList<>();
            for (byte[] command : commands) {
                answers.add(copy.send(command).getSW());
            }
            for (int i = 0; i < commands.size(); i++) {
                if (commands.get(i)[0] == (byte) 0x84) {
                    assertNotEquals(0x9000, answers.get(i), "replayed secured command " + i + " was accepted");
                }
            }
            assertEquals(0x6300, answers.get(indexOfIns(commands, 0x82)), "the old host cryptogram does not fit the new card challenge");
            copy.selectJpki();
            assertTrue(status(copy).isBlank(), "nothing of the replay reached the card: " + status(copy));
        }

        @Test
        void aCommandSentTwiceInOneSessionIsRefusedAndEndsTheSession() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            SecureChannel channel = card.perso().channel();
            CommandAPDU setPin = channel.wrap(WireCard.setPin(0x0018, "1234"));
            byte[] answer = card.simulator.transmitCommand(setPin.getBytes());
            assertEquals(0x9000, (answer[answer.length - 2] & 0xFF) << 8 | answer[answer.length - 1] & 0xFF);
            assertEquals(0x6988, card.send(setPin.getBytes()).getSW(), "replayed");
            assertEquals(0x6982, card.send(channel.wrap(WireCard.setPin(0x001B, "ABCDEF12")).getBytes()).getSW(), "the session is over");
        }

        @Test
        void commandsOutOfOrderOrWithOneDroppedAreRefused() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            SecureChannel channel = card.perso().channel();
            CommandAPDU first = channel.wrap(WireCard.updateBinary(0x000A, 0, new byte[] {0x30, (byte) 0x82}));
            CommandAPDU second = channel.wrap(WireCard.updateBinary(0x000A, 2, new byte[] {0x01, 0x00}));
            assertEquals(0x6988, card.send(second.getBytes()).getSW(), "second before first");
            assertEquals(0x6982, card.send(first.getBytes()).getSW(), "the session ended with the error");

            card.selectJpki(); // raw sends bypass the host's view of the session: start a new one
            SecureChannel fresh = card.perso().channel();
            fresh.wrap(WireCard.setPin(0x0018, "1234")); // dropped on the way
            assertEquals(0x6988, card.send(fresh.wrap(WireCard.setPin(0x001B, "ABCDEF12")).getBytes()).getSW(), "one command missing");
            assertFalse(status(card).files().containsValue(true), "nothing was written: " + status(card));
        }

        @Test
        void aTamperedCommandIsRefused() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            byte[] command = card.perso().channel().wrap(WireCard.updateBinary(0x000A, 0, new byte[] {0x30, (byte) 0x82})).getBytes();
            command[7] ^= 1;
            assertEquals(0x6988, card.send(command).getSW());
        }

        @Test
        void anAnswerAlteredOnTheWayIsCaughtByItsRmac() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            java.util.concurrent.atomic.AtomicBoolean meddle = new java.util.concurrent.atomic.AtomicBoolean();
            SecureChannel channel = SecureChannel.open(card.apdus(answer -> {
                if (!meddle.get()) {
                    return answer;
                }
                byte[] bytes = answer.getBytes();
                bytes[20] ^= 1; // a bit of the modulus: a public key the host would certify
                return new javax.smartcardio.ResponseAPDU(bytes);
            }), WireCard.ISSUER);
            meddle.set(true);
            SecureChannelException e = assertThrows(SecureChannelException.class, () -> channel.transmit(WireCard.generateKeyPair(0x0017)));
            assertTrue(e.getMessage().contains("R-MAC"), e.getMessage());
            assertFalse(channel.isOpen());
        }

        @Test
        void pinsAndMyNumberNeverCrossTheWireInClear() {
            WireCard card = new WireCard().installAll();
            card.trace.clear();
            JpkiWirePersonalization.personalizeAndLock(card);
            FaceWirePersonalization.personalizeAndLock(card);
            byte[] wire = concat(card.trace);
            assertTrue(wire.length > 20_000, "the trace holds the whole personalization");
            for (String secret : List.of(JpkiWirePersonalization.AUTH_PIN, JpkiWirePersonalization.SIGN_PIN,
                    FaceWirePersonalization.PIN_A, FaceWirePersonalization.PIN_B, FaceWirePersonalization.BIRTH_DATE_KEY)) {
                assertEquals(-1, indexOf(wire, FaceWirePersonalization.ascii(secret)), secret.length() + "-character secret in clear on the wire");
            }
            // the search finds a secret when it is there: a clear VERIFY after LOCK does carry the PIN
            card.selectJpki();
            card.selectEf("0018");
            card.verify(JpkiWirePersonalization.AUTH_PIN);
            assertNotEquals(-1, indexOf(concat(card.trace), FaceWirePersonalization.ascii(JpkiWirePersonalization.AUTH_PIN)));
        }
    }

    @Nested
    class Authentication {
        @Test
        void aCardMadeForAnotherIssuerKeyIsRecognisedAndWillNotAuthenticateUs() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            SecureChannelException e = assertThrows(SecureChannelException.class,
                    () -> SecureChannel.open(card.apdus(), WireCard.newIssuerKey()));
            assertTrue(e.getMessage().contains("cryptogram"), e.getMessage());
            assertEquals(0x6982, card.send(new CommandAPDU(0x84, 0x44, 0, 0, new byte[8])).getSW(), "no session");
        }

        @Test
        void forgedHostCryptogramsShutTheChannelOnlyUntilTheCardIsReset() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            for (int tries = 3; tries > 0; tries--) {
                assertEquals(tries, status(card).authenticationTriesLeft());
                assertEquals(0x6300, forgeAuthentication(card), "forged host cryptogram");
            }
            assertEquals(0, status(card).authenticationTriesLeft());
            assertEquals(0x6983, card.sw(INITIALIZE_UPDATE), "shut for the rest of this power-up");
            card.selectJpki();
            assertEquals(0x6983, card.sw(INITIALIZE_UPDATE), "a reselection buys no tries: only a reset does");
            SecureChannelException e = assertThrows(SecureChannelException.class,
                    () -> SecureChannel.open(card.apdus(), WireCard.ISSUER));
            assertTrue(e.getMessage().contains("reset the card"), e.getMessage());

            card.reset();
            card.selectJpki();
            assertEquals(3, status(card).authenticationTriesLeft(), "a power-up restores the tries: nothing was persistent");
            card.perso();
        }

        @Test
        void tenForgedExternalAuthenticatesFromAStrangerLeaveTheCountersPinResetWorking() {
            WireCard card = lockedCardWithAuthPinBlocked();

            card.reset(); // a stranger's reader
            card.selectJpki();
            for (int i = 0; i < 10; i++) {
                assertNotEquals(0x9000, forgeAuthentication(card), "forged EXTERNAL AUTHENTICATE " + i);
            }

            card.reset(); // the holder brings the card to the counter
            new PinUnblock(card.apdus(), WireCard.ISSUER).reset(CounterPin.JPKI_AUTH, "4321".toCharArray());
            card.selectJpki();
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("00200080"), "tries restored");
            assertEquals(0x9000, card.verify("4321"), "the counter's PIN reset went through");
        }

        @Test
        void aThousandForgedExternalAuthenticatesLeaveTheCountersRenewalWorking() {
            WireCard card = new WireCard().installJpki();
            JpkiWirePersonalization old = JpkiWirePersonalization.personalizeAndLock(card);
            card.reset();
            card.selectJpki();
            int resets = 0;
            for (int guess = 0; guess < 1000; guess++) {
                int sw = forgeAuthentication(card);
                if (sw != 0x6300) {
                    // shut until a reset: the attacker pays one every few guesses
                    card.reset();
                    card.selectJpki();
                    resets++;
                    sw = forgeAuthentication(card);
                }
                assertEquals(0x6300, sw, "guess " + guess + " is checked (and refused) after at most one reset");
            }
            assertEquals(1000 / 3, resets, "one reset per three guesses");

            card.reset();
            PersonalizationSession counter = PersonalizationSession.open(card.apdus(), WireCard.ISSUER,
                    CardApplication.JPKI.aid(), CardApplication.JPKI.displayName());
            RSAPublicKey renewed = counter.generateKeyPair(0x001A);
            assertNotEquals(old.signKey.getModulus(), renewed.getModulus());
            counter.writeFile(0x0001, JpkiWirePersonalization.certificateShaped(1900, 0x11));
            counter.lock();
            card.selectJpki();
            assertTrue(status(card).isLocked(), "the renewal finished: " + status(card));
        }

        @Test
        void aSuccessRestoresTheTries() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            forgeAuthentication(card);
            assertEquals(2, status(card).authenticationTriesLeft());
            card.perso();
            assertEquals(3, status(card).authenticationTriesLeft());
        }

        @Test
        void theSerialIsReadableWithoutAuthentication() {
            WireCard card = new WireCard("WC-SERIAL-42").installJpki();
            card.selectJpki();
            assertArrayEquals(FaceWirePersonalization.ascii("WC-SERIAL-42"), SecureChannel.readSerial(card.apdus()));
        }
    }

    @Nested
    class TornPersonalization {
        @Test
        void isReportedUnfinishedCannotBeLockedAndIsWipedAndRedone() {
            WireCard card = new WireCard().installJpki();
            card.selectJpki();
            RSAPublicKey firstKey = JpkiWirePersonalization.generateKeyPair(card, 0x0017);
            JpkiWirePersonalization.writeEf(card, "000A", JpkiWirePersonalization.certificateShaped(1412, 0x0A));
            card.reset(); // torn out of the reader
            card.selectJpki();
            PersonalizationStatus torn = status(card);
            assertTrue(torn.isUnfinished(), torn.toString());
            assertEquals(Boolean.TRUE, torn.files().get(0x0017));
            assertEquals(Boolean.FALSE, torn.files().get(0x0018));
            assertEquals(0x6985, card.lock(), "never issued half-done");

            card.secureOk(WireCard.wipeCommand());
            assertTrue(status(card).isBlank(), status(card).toString());
            card.selectEf("000A");
            assertEquals(0x6B00, card.send("00B0000000").getSW(), "the written certificate is gone");

            JpkiWirePersonalization redone = JpkiWirePersonalization.personalizeAndLock(card);
            assertNotEquals(firstKey.getModulus(), redone.authKey.getModulus());
            assertTrue(status(card).isLocked());
            assertEquals(0x6985, card.secure(WireCard.wipeCommand()).getSW(), "no WIPE after LOCK");
        }
    }

    @Nested
    class CounterOperationsAfterLock {
        @Test
        void aBlockedPinIsResetOverTheChannel() {
            WireCard card = lockedCardWithAuthPinBlocked();
            card.secureOk(WireCard.setPin(0x0018, "4321"));
            card.selectEf("0018");
            assertEquals(0x63C3, card.sw("00200080"), "tries restored");
            assertEquals(0x9000, card.verify("4321"));
        }

        @Test
        void aRenewedKeyWaitsForItsOwnCertificateAndTheCaCertificatesStayFixed() throws Exception {
            WireCard card = new WireCard().installJpki();
            JpkiWirePersonalization old = JpkiWirePersonalization.personalizeAndLock(card);
            card.selectJpki();
            RSAPublicKey renewed = JpkiWirePersonalization.generateKeyPair(card, 0x001A);
            assertNotEquals(old.signKey.getModulus(), renewed.getModulus());
            assertEquals(PersonalizationStatus.SUSPENDED_FOR_RENEWAL, status(card).lifeCycle());
            card.selectEf("001B");
            assertEquals(0x6985, card.verify(JpkiWirePersonalization.SIGN_PIN), "unusable while the counter is renewing");
            assertEquals(0x6985, card.lock(), "the new key emptied its certificate EF: no LOCK with the old certificate");
            JpkiWirePersonalization.writeEf(card, "0001", JpkiWirePersonalization.certificateShaped(1900, 0x11));
            assertEquals(0x6985, card.secure(WireCard.updateBinary(0x000B, 0, new byte[] {0x30})).getSW(),
                    "the CA certificates are fixed at issuance");
            assertEquals(0x9000, card.lock());

            card.selectEf("001B");
            assertEquals(0x9000, card.verify(JpkiWirePersonalization.SIGN_PIN));
            card.selectEf("001A");
            byte[] digestInfo = sha256DigestInfo("new address");
            byte[] signature = card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256));
            Signature verifier = Signature.getInstance("NONEwithRSA");
            verifier.initVerify(renewed);
            verifier.update(digestInfo);
            assertTrue(verifier.verify(signature), "signed with the renewed key");
        }
    }

    private static final String INITIALIZE_UPDATE = "8050000008" + "0102030405060708" + "00";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What anyone can send: INITIALIZE UPDATE, then a random host cryptogram and MAC; the EXTERNAL AUTHENTICATE's status word. */
    private static int forgeAuthentication(WireCard card) {
        card.send(INITIALIZE_UPDATE);
        byte[] garbage = new byte[16];
        RANDOM.nextBytes(garbage);
        return card.send("8482000010" + WireCard.hex(garbage)).getSW();
    }

    private static PersonalizationStatus status(WireCard card) {
        return SecureChannel.readStatus(card.apdus());
    }

    private static List<byte[]> commandsOf(List<byte[]> trace) {
        List<byte[]> commands = new ArrayList<>();
        for (int i = 0; i < trace.size(); i += 2) {
            commands.add(trace.get(i));
        }
        return commands;
    }

    private static int indexOfIns(List<byte[]> commands, int ins) {
        for (int i = 0; i < commands.size(); i++) {
            if ((commands.get(i)[1] & 0xFF) == ins) {
                return i;
            }
        }
        throw new AssertionError("no INS " + Integer.toHexString(ins));
    }

    /** A personalized, locked card whose holder has blocked the authentication PIN with three wrong tries (EF 0018 selected). */
    private static WireCard lockedCardWithAuthPinBlocked() {
        WireCard card = new WireCard().installJpki();
        JpkiWirePersonalization.personalizeAndLock(card);
        card.selectJpki();
        card.selectEf("0018");
        for (int i = 0; i < 3; i++) {
            card.verify("9999");
        }
        assertEquals(0x6984, card.verify(JpkiWirePersonalization.AUTH_PIN), "the holder blocked the PIN");
        return card;
    }

    private static byte[] concat(List<byte[]> parts) {
        return FaceWirePersonalization.concat(parts.toArray(new byte[0][]));
    }

    static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] sha256DigestInfo(String text) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return FaceWirePersonalization.concat(WireCard.bytes("3031300d060960864801650304020105000420"), hash);
    }
}
