package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * The card's end of the secure personalization channel (docs/personalization-commands.md):
 * SCP03-like mutual authentication with the per-card key the factory put in the install data,
 * then a C-MAC chained over every command with an implicit counter, AES-CBC on every command's
 * data and an R-MAC on every 9000 answer ({@link SecureSession}). Session state is transient:
 * deselection, a reset or a failed MAC ends the session. Failed authentications are counted
 * persistently.
 */
final class PersonalizationChannel {
    static final byte INS_INITIALIZE_UPDATE = 0x50;
    static final byte INS_EXTERNAL_AUTHENTICATE = (byte) 0x82;
    static final short MAC_LENGTH = SecureSession.MAC_LENGTH;
    static final short CHALLENGE_LENGTH = SecureSession.CHALLENGE_LENGTH;
    static final short CRYPTOGRAM_LENGTH = SecureSession.CRYPTOGRAM_LENGTH;
    static final short KEY_LENGTH = SecureSession.KEY_LENGTH;
    static final short MAX_SERIAL_LENGTH = 16;
    /** Consecutive failed EXTERNAL AUTHENTICATEs after which the channel never opens again. */
    static final byte AUTHENTICATION_TRIES = 10;

    static final short SW_SECURE_MESSAGING_INCORRECT = SecureSession.SW_SECURE_MESSAGING_INCORRECT;
    static final short SW_AUTHENTICATION_FAILED = SecureSession.SW_AUTHENTICATION_FAILED;
    static final short SW_AUTHENTICATION_BLOCKED = 0x6983;

    // persistent: from the factory, and the failure count
    private final AESKey cardKey;
    private final byte[] serial;
    private byte triesRemaining = AUTHENTICATION_TRIES;

    /** What the factory may put after the card key: the JPKI AP's token form (see {@link #installOption()}). */
    static final byte NO_INSTALL_OPTION = 0;
    private final byte installOption;
    /** transient: the session */
    private final SecureSession session;

    /**
     * Reads the install data as a chip gets it from GlobalPlatform INSTALL: LV instance AID,
     * LV control info, LV applet data; the applet data is {@code L serial, 10 card key} and,
     * optionally, one byte the application reads as {@link #installOption()}.
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
        short keyEnd = (short) (at + serialLength + 1 + KEY_LENGTH);
        if (serialLength == 0 || serialLength > MAX_SERIAL_LENGTH
                || (keyEnd != appletDataEnd && (short) (keyEnd + 1) != appletDataEnd)
                || install[(short) (at + serialLength)] != KEY_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        installOption = keyEnd == appletDataEnd ? NO_INSTALL_OPTION : install[keyEnd];
        serial = new byte[serialLength];
        Util.arrayCopy(install, at, serial, (short) 0, serialLength);
        cardKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        cardKey.setKey(install, (short) (at + serialLength + 1));
        session = new SecureSession();
    }

    private static short skipLv(byte[] data, short at, short end) {
        if (at >= end) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        return (short) (at + 1 + (data[at] & 0xFF));
    }

    /** The optional last byte of the applet data, {@link #NO_INSTALL_OPTION} when absent: the JPKI AP's token form. */
    byte installOption() {
        return installOption;
    }

    short writeSerial(byte[] out, short offset) {
        return Util.arrayCopyNonAtomic(serial, (short) 0, out, offset, (short) serial.length);
    }

    byte triesRemaining() {
        return triesRemaining;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void close() {
        session.close();
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
        session.initialize(cardKey, buffer, apdu.getOffsetCdata(), buffer, (short) 0);
        apdu.setOutgoingAndSend((short) 0, (short) (CHALLENGE_LENGTH + CRYPTOGRAM_LENGTH));
    }

    /**
     * {@code 84 82 00 00 10 <host cryptogram> <C-MAC>}: the try is spent before the check, so a
     * tear cannot give a free guess; a success restores the tries and opens the session.
     */
    void externalAuthenticate(byte[] command, short length) {
        if (!session.isInitialized()) {
            close();
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (length != (short) (CRYPTOGRAM_LENGTH + MAC_LENGTH)) {
            close();
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        TearPoints.beforeWrite();
        triesRemaining--;
        if (!session.authenticateHost(command)) {
            ISOException.throwIt(SW_AUTHENTICATION_FAILED);
        }
        TearPoints.beforeWrite();
        triesRemaining = AUTHENTICATION_TRIES;
    }

    /**
     * Checks the C-MAC of a command whose header is at {@code command[0..4)} and whose data
     * (cryptogram, then the MAC) follows from {@link ISO7816#OFFSET_CDATA}, then decrypts the
     * data in place; returns the plaintext length. Any failure ends the session.
     */
    short unwrap(byte[] command, short length) {
        return session.unwrap(command, length);
    }

    /** Appends the R-MAC over (C-MAC chain, data, 9000) to {@code data[offset..offset+length)}; returns the new length. */
    short wrapResponse(byte[] data, short offset, short length) {
        return session.wrapResponse(data, offset, length);
    }
}
