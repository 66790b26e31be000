package jp.mynacard.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.RandomData;
import javacardx.crypto.Cipher;

/**
 * One SCP03-like session under a static AES-128 key (docs/personalization-commands.md,
 * "Wrapping"): session keys from both challenges, the two cryptograms, the C-MAC chain with its
 * implicit counter, decryption of command data, R-MAC and optional encryption of answers. The
 * personalization channel runs it under the card key, the free area's tenant channel under a
 * slot key. All state is transient; any failure ends the session.
 */
final class SecureSession {
    static final short MAC_LENGTH = 8;
    static final short CHALLENGE_LENGTH = 8;
    static final short CRYPTOGRAM_LENGTH = 8;
    static final short KEY_LENGTH = 16;

    static final short SW_SECURE_MESSAGING_INCORRECT = 0x6988;
    static final short SW_AUTHENTICATION_FAILED = 0x6300;

    // SCP03 derivation constants (GlobalPlatform Amendment D §6.2.1)
    private static final byte DERIVE_CARD_CRYPTOGRAM = 0x00;
    private static final byte DERIVE_HOST_CRYPTOGRAM = 0x01;
    private static final byte DERIVE_S_ENC = 0x04;
    private static final byte DERIVE_S_MAC = 0x06;
    private static final byte DERIVE_S_RMAC = 0x07;
    private static final short LABEL_LENGTH = 12;
    /** {@link SharedWorkspace#SESSION_WORK_LENGTH} is sized for it. */
    static final short DERIVATION_DATA_LENGTH = (short) (LABEL_LENGTH + 1 + 2 + 1 + 2 * CHALLENGE_LENGTH);
    private static final short BITS_64 = 64;
    private static final short BITS_128 = 128;
    private static final byte[] SW_OK = {(byte) 0x90, 0x00};
    /** First byte of the ICV block of an answer's encryption, as SCP03's R-ENC: never equal to a command's. */
    private static final byte RESPONSE_ICV_MARK = (byte) 0x80;

    private static final byte NO_SESSION = 0;
    private static final byte INITIALIZED = 1;
    private static final byte AUTHENTICATED = 2;

    private final AESKey sessionEnc;
    private final AESKey sessionMac;
    private final AESKey sessionRmac;
    /** [0] level, counter in [1] */
    private final short[] session;
    /** host challenge, card challenge: the derivation context */
    private final byte[] challenges;
    private final byte[] macChain;
    /** derivation data, then key material, ICV and MAC comparison: within one command only, so shared */
    private final byte[] work;

    private final AesCmac cmac;
    private final Cipher cbc;
    private final RandomData random;

    /** The session's own state is what lasts from one command to the next; the engines are the package's. */
    SecureSession(SharedWorkspace workspace) {
        sessionEnc = transientKey();
        sessionMac = transientKey();
        sessionRmac = transientKey();
        session = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
        challenges = JCSystem.makeTransientByteArray((short) (2 * CHALLENGE_LENGTH), JCSystem.CLEAR_ON_DESELECT);
        macChain = JCSystem.makeTransientByteArray(AesCmac.BLOCK, JCSystem.CLEAR_ON_DESELECT);
        work = workspace.sessionWork;
        cmac = workspace.cmac;
        cbc = workspace.aesCbc;
        random = workspace.random;
    }

    private static AESKey transientKey() {
        return (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES_TRANSIENT_DESELECT, KeyBuilder.LENGTH_AES_128, false);
    }

    boolean isInitialized() {
        return session[0] == INITIALIZED;
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

    /**
     * INITIALIZE UPDATE's work: draws the card challenge, derives the session keys from
     * {@code key} and both challenges, and writes card challenge and card cryptogram (16 bytes)
     * to {@code out}. The host challenge may lie in {@code out}: it is copied first.
     */
    void initialize(AESKey key, byte[] hostChallenge, short hostOffset, byte[] out, short outOffset) {
        close();
        Util.arrayCopyNonAtomic(hostChallenge, hostOffset, challenges, (short) 0, CHALLENGE_LENGTH);
        random.generateData(challenges, CHALLENGE_LENGTH, CHALLENGE_LENGTH);
        deriveSessionKey(key, DERIVE_S_ENC, sessionEnc);
        deriveSessionKey(key, DERIVE_S_MAC, sessionMac);
        deriveSessionKey(key, DERIVE_S_RMAC, sessionRmac);
        Util.arrayCopyNonAtomic(challenges, CHALLENGE_LENGTH, out, outOffset, CHALLENGE_LENGTH);
        derive(sessionMac, DERIVE_CARD_CRYPTOGRAM, BITS_64, out, (short) (outOffset + CHALLENGE_LENGTH));
        Util.arrayFillNonAtomic(macChain, (short) 0, AesCmac.BLOCK, (byte) 0);
        session[1] = 0;
        session[0] = INITIALIZED;
    }

    /**
     * Checks EXTERNAL AUTHENTICATE ({@code 84 82 00 00 10 <host cryptogram> <C-MAC>}, header at
     * {@code command[0..4)}, data from {@link ISO7816#OFFSET_CDATA}); opens the session when both
     * the MAC and the cryptogram match, closes it otherwise. The caller has checked the state.
     */
    boolean authenticateHost(byte[] command) {
        boolean macOk = verifyMac(command, (short) (CRYPTOGRAM_LENGTH + MAC_LENGTH));
        derive(sessionMac, DERIVE_HOST_CRYPTOGRAM, BITS_64, work, (short) 0);
        boolean cryptogramOk = Util.arrayCompare(work, (short) 0, command, ISO7816.OFFSET_CDATA, CRYPTOGRAM_LENGTH) == 0;
        if (!macOk || !cryptogramOk) {
            close();
            return false;
        }
        session[0] = AUTHENTICATED;
        return true;
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
        writeIcv((byte) 0);
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
     * Encrypts {@code data[offset..offset+length)} in place, padded (80 00..), under S-ENC with
     * ICV = AES(S-ENC, 80 00.. counter of the command), then appends the R-MAC over the
     * cryptogram; returns the new length. The buffer must hold the padding and the MAC.
     */
    short encryptAndWrapResponse(byte[] data, short offset, short length) {
        short padded = (short) ((short) (length / AesCmac.BLOCK + 1) * AesCmac.BLOCK);
        data[(short) (offset + length)] = (byte) 0x80;
        Util.arrayFillNonAtomic(data, (short) (offset + length + 1), (short) (padded - length - 1), (byte) 0);
        writeIcv(RESPONSE_ICV_MARK);
        cbc.init(sessionEnc, Cipher.MODE_ENCRYPT, work, (short) 0, AesCmac.BLOCK);
        cbc.doFinal(data, offset, padded, data, offset);
        return wrapResponse(data, offset, padded);
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

    /** ICV = AES(S-ENC, mark 00.. counter of this command as a 16-byte block), into work[0..16). */
    private void writeIcv(byte mark) {
        Util.arrayFillNonAtomic(work, (short) 0, AesCmac.BLOCK, (byte) 0);
        work[0] = mark;
        // verifyMac already advanced the counter past this command
        Util.setShort(work, (short) (AesCmac.BLOCK - 2), (short) (session[1] - 1));
        cmac.begin(sessionEnc);
        cmac.encrypt(work, (short) 0);
    }

    private void deriveSessionKey(AESKey key, byte constant, AESKey into) {
        derive(key, constant, BITS_128, work, (short) 0);
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
