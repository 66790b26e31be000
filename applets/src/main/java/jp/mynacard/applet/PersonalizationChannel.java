package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.RandomData;
import javacardx.crypto.Cipher;

/**
 * The card's end of the secure personalization channel (docs/personalization-commands.md):
 * SCP03-like mutual authentication with the per-card key the factory put in the install data,
 * then a C-MAC chained over every command with an implicit counter, AES-CBC on every command's
 * data and an R-MAC on every 9000 answer. Session state is transient: deselection, a reset or a
 * failed MAC ends the session. Failed authentications are counted persistently.
 */
final class PersonalizationChannel {
    static final byte INS_INITIALIZE_UPDATE = 0x50;
    static final byte INS_EXTERNAL_AUTHENTICATE = (byte) 0x82;
    static final short MAC_LENGTH = 8;
    static final short CHALLENGE_LENGTH = 8;
    static final short CRYPTOGRAM_LENGTH = 8;
    static final short KEY_LENGTH = 16;
    static final short MAX_SERIAL_LENGTH = 16;
    /** Consecutive failed EXTERNAL AUTHENTICATEs after which the channel never opens again. */
    static final byte AUTHENTICATION_TRIES = 10;

    static final short SW_SECURE_MESSAGING_INCORRECT = 0x6988;
    static final short SW_AUTHENTICATION_FAILED = 0x6300;
    static final short SW_AUTHENTICATION_BLOCKED = 0x6983;

    // SCP03 derivation constants (GlobalPlatform Amendment D §6.2.1)
    private static final byte DERIVE_CARD_CRYPTOGRAM = 0x00;
    private static final byte DERIVE_HOST_CRYPTOGRAM = 0x01;
    private static final byte DERIVE_S_ENC = 0x04;
    private static final byte DERIVE_S_MAC = 0x06;
    private static final byte DERIVE_S_RMAC = 0x07;
    private static final short LABEL_LENGTH = 12;
    private static final short DERIVATION_DATA_LENGTH = (short) (LABEL_LENGTH + 1 + 2 + 1 + 2 * CHALLENGE_LENGTH);
    private static final short BITS_64 = 64;
    private static final short BITS_128 = 128;
    private static final byte[] SW_OK = {(byte) 0x90, 0x00};

    private static final byte NO_SESSION = 0;
    private static final byte INITIALIZED = 1;
    private static final byte AUTHENTICATED = 2;

    // persistent: from the factory, and the failure count
    private final AESKey cardKey;
    private final byte[] serial;
    private byte triesRemaining = AUTHENTICATION_TRIES;

    // transient: the session
    private final AESKey sessionEnc;
    private final AESKey sessionMac;
    private final AESKey sessionRmac;
    /** [0] level, counter in [1] */
    private final short[] session;
    /** host challenge, card challenge: the derivation context */
    private final byte[] challenges;
    private final byte[] macChain;
    /** derivation data, then key material, ICV and MAC comparison */
    private final byte[] work;

    private final AesCmac cmac;
    private final Cipher cbc;
    private final RandomData random;

    /**
     * Reads the install data as a chip gets it from GlobalPlatform INSTALL: LV instance AID,
     * LV control info, LV applet data; the applet data is {@code L serial, 10 card key}.
     */
    PersonalizationChannel(byte[] install, short offset, byte length) {
        short end = (short) (offset + (length & 0xFF));
        short at = skipLv(install, offset, end);
        at = skipLv(install, at, end);
        if (at >= end) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        short appletDataEnd = (short) (at + 1 + (install[at] & 0xFF));
        at++;
        if (appletDataEnd > end || at >= appletDataEnd) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        short serialLength = (short) (install[at++] & 0xFF);
        if (serialLength == 0 || serialLength > MAX_SERIAL_LENGTH
                || (short) (at + serialLength + 1 + KEY_LENGTH) != appletDataEnd
                || install[(short) (at + serialLength)] != KEY_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        serial = new byte[serialLength];
        Util.arrayCopy(install, at, serial, (short) 0, serialLength);
        cardKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        cardKey.setKey(install, (short) (at + serialLength + 1));

        sessionEnc = transientKey();
        sessionMac = transientKey();
        sessionRmac = transientKey();
        session = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
        challenges = JCSystem.makeTransientByteArray((short) (2 * CHALLENGE_LENGTH), JCSystem.CLEAR_ON_DESELECT);
        macChain = JCSystem.makeTransientByteArray(AesCmac.BLOCK, JCSystem.CLEAR_ON_DESELECT);
        work = JCSystem.makeTransientByteArray(DERIVATION_DATA_LENGTH, JCSystem.CLEAR_ON_DESELECT);
        cmac = new AesCmac();
        cbc = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_CBC_NOPAD, false);
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    }

    private static short skipLv(byte[] data, short at, short end) {
        if (at >= end) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        return (short) (at + 1 + (data[at] & 0xFF));
    }

    private static AESKey transientKey() {
        return (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_AES_128, false);
    }

    short writeSerial(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(serial, (short) 0, out, offset, (short) serial.length);
    }

    byte triesRemaining() {
        return triesRemaining;
    }

    boolean isOpen() {
        return session[0] == AUTHENTICATED;
    }

    void close() {
        session[0] = NO_SESSION;
        sessionEnc.clearKey();
        sessionMac.clearKey();
        sessionRmac.clearKey();
    }

    /** {@code 80 50 00 00 08 <host challenge>}: answers card challenge and card cryptogram. */
    void initializeUpdate(APDU apdu) {
        close();
        byte[] buffer = apdu.getBuffer();
        if (buffer[ISO7816.OFFSET_P1] != 0 || buffer[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (apdu.setIncomingAndReceive() != CHALLENGE_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        if (triesRemaining == 0) {
            ISOException.throwIt(SW_AUTHENTICATION_BLOCKED);
        }
        Util.arrayCopyNonAtomic(buffer, apdu.getOffsetCdata(), challenges, (short) 0, CHALLENGE_LENGTH);
        random.generateData(challenges, CHALLENGE_LENGTH, CHALLENGE_LENGTH);
        deriveSessionKey(DERIVE_S_ENC, sessionEnc);
        deriveSessionKey(DERIVE_S_MAC, sessionMac);
        deriveSessionKey(DERIVE_S_RMAC, sessionRmac);
        Util.arrayCopyNonAtomic(challenges, CHALLENGE_LENGTH, buffer, (short) 0, CHALLENGE_LENGTH);
        derive(sessionMac, DERIVE_CARD_CRYPTOGRAM, BITS_64, buffer, CHALLENGE_LENGTH);
        Util.arrayFillNonAtomic(macChain, (short) 0, AesCmac.BLOCK, (byte) 0);
        session[1] = 0;
        session[0] = INITIALIZED;
        apdu.setOutgoingAndSend((short) 0, (short) (CHALLENGE_LENGTH + CRYPTOGRAM_LENGTH));
    }

    /**
     * {@code 84 82 00 00 10 <host cryptogram> <C-MAC>}: the try is spent before the check, so a
     * tear cannot give a free guess; a success restores the tries and opens the session.
     */
    void externalAuthenticate(byte[] command, short length) {
        if (session[0] != INITIALIZED) {
            close();
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (length != (short) (CRYPTOGRAM_LENGTH + MAC_LENGTH)) {
            close();
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        triesRemaining--;
        boolean macOk = verifyMac(command, length);
        derive(sessionMac, DERIVE_HOST_CRYPTOGRAM, BITS_64, work, (short) 0);
        boolean cryptogramOk = Util.arrayCompare(work, (short) 0, command, (short) (ISO7816.OFFSET_CDATA + 0), CRYPTOGRAM_LENGTH) == 0;
        if (!macOk || !cryptogramOk) {
            close();
            ISOException.throwIt(SW_AUTHENTICATION_FAILED);
        }
        triesRemaining = AUTHENTICATION_TRIES;
        session[0] = AUTHENTICATED;
    }

    /**
     * Checks the C-MAC of a command whose header is at {@code command[0..4)} and whose data
     * (cryptogram, then the MAC) follows from {@link ISO7816#OFFSET_CDATA}, then decrypts the
     * data in place; returns the plaintext length. Any failure ends the session.
     */
    short unwrap(byte[] command, short length) {
        if (session[0] != AUTHENTICATED) {
            close();
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        short cryptogramLength = (short) (length - MAC_LENGTH);
        if (cryptogramLength < 0 || cryptogramLength % AesCmac.BLOCK != 0 || !verifyMac(command, length)) {
            close();
            ISOException.throwIt(SW_SECURE_MESSAGING_INCORRECT);
        }
        if (cryptogramLength == 0) {
            return 0;
        }
        writeIcv();
        cbc.init(sessionEnc, Cipher.MODE_DECRYPT, work, (short) 0, AesCmac.BLOCK);
        cbc.doFinal(command, ISO7816.OFFSET_CDATA, cryptogramLength, command, ISO7816.OFFSET_CDATA);
        // ISO 7816-4 padding: the last 80 and the zeros after it go
        short at = (short) (ISO7816.OFFSET_CDATA + cryptogramLength - 1);
        while (at > ISO7816.OFFSET_CDATA && command[at] == 0) {
            at--;
        }
        if (command[at] != (byte) 0x80) {
            close();
            ISOException.throwIt(SW_SECURE_MESSAGING_INCORRECT);
        }
        return (short) (at - ISO7816.OFFSET_CDATA);
    }

    /** Appends the R-MAC over (C-MAC chain, data, 9000) to {@code data[offset..offset+length)}; returns the new length. */
    short wrapResponse(byte[] data, short offset, short length) {
        cmac.begin(sessionRmac);
        cmac.update(macChain, (short) 0, AesCmac.BLOCK);
        cmac.update(data, offset, length);
        cmac.update(SW_OK, (short) 0, (short) 2);
        cmac.finish(data, (short) (offset + length), MAC_LENGTH);
        return (short) (length + MAC_LENGTH);
    }

    /**
     * MAC input: chain value, counter (2 bytes), CLA INS P1 P2, length of the cryptogram (2
     * bytes), the cryptogram. On success the full CMAC becomes the chain and the counter advances.
     */
    private boolean verifyMac(byte[] command, short length) {
        short cryptogramLength = (short) (length - MAC_LENGTH);
        cmac.begin(sessionMac);
        cmac.update(macChain, (short) 0, AesCmac.BLOCK);
        Util.setShort(work, (short) 0, session[1]);
        cmac.update(work, (short) 0, (short) 2);
        cmac.update(command, (short) 0, (short) 4);
        Util.setShort(work, (short) 0, cryptogramLength);
        cmac.update(work, (short) 0, (short) 2);
        cmac.update(command, ISO7816.OFFSET_CDATA, cryptogramLength);
        cmac.finish(work, (short) 0, AesCmac.BLOCK);
        if (Util.arrayCompare(work, (short) 0, command, (short) (ISO7816.OFFSET_CDATA + cryptogramLength), MAC_LENGTH) != 0) {
            return false;
        }
        Util.arrayCopyNonAtomic(work, (short) 0, macChain, (short) 0, AesCmac.BLOCK);
        session[1]++;
        return true;
    }

    /** ICV = AES(S-ENC, counter of this command as a 16-byte block), into work[0..16). */
    private void writeIcv() {
        Util.arrayFillNonAtomic(work, (short) 0, AesCmac.BLOCK, (byte) 0);
        // verifyMac already advanced the counter past this command
        Util.setShort(work, (short) (AesCmac.BLOCK - 2), (short) (session[1] - 1));
        cmac.begin(sessionEnc);
        cmac.encrypt(work, (short) 0);
    }

    private void deriveSessionKey(byte constant, AESKey into) {
        derive(cardKey, constant, BITS_128, work, (short) 0);
        into.setKey(work, (short) 0);
        Util.arrayFillNonAtomic(work, (short) 0, KEY_LENGTH, (byte) 0);
    }

    /**
     * NIST SP 800-108 counter-mode KDF with AES-CMAC, laid out as SCP03: label (11 zeros and
     * the constant), separator 00, L in bits (2 bytes), counter 01, context = both challenges.
     * One block: L is at most 128.
     */
    private void derive(AESKey key, byte constant, short bits, byte[] out, short offset) {
        Util.arrayFillNonAtomic(work, (short) 0, DERIVATION_DATA_LENGTH, (byte) 0);
        work[(short) (LABEL_LENGTH - 1)] = constant;
        Util.setShort(work, (short) (LABEL_LENGTH + 1), bits);
        work[(short) (LABEL_LENGTH + 3)] = 1;
        Util.arrayCopyNonAtomic(challenges, (short) 0, work, (short) (LABEL_LENGTH + 4), (short) (2 * CHALLENGE_LENGTH));
        cmac.begin(key);
        cmac.update(work, (short) 0, DERIVATION_DATA_LENGTH);
        cmac.finish(out, offset, (short) (bits / 8));
    }
}
