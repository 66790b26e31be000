package jp.mynacard.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacardx.crypto.Cipher;

/**
 * AES-CMAC (NIST SP 800-38B) built from AES-ECB, fed in pieces: Java Card 3.0.4 has no CMAC
 * signature a chip is sure to offer (jcardsim has none). One computation at a time.
 */
final class AesCmac {
    static final short BLOCK = 16;
    /** x^128 + x^7 + x^2 + x + 1: the constant folded in when a doubled subkey overflows. */
    private static final byte R_128 = (byte) 0x87;
    private static final short STATE = 0;
    private static final short PENDING = BLOCK;
    private static final short SUBKEY = 2 * BLOCK;

    private final Cipher ecb;
    /** state, the last (possibly partial) block not yet folded in, the subkey. */
    private final byte[] work;
    private final short[] pendingLength;

    AesCmac() {
        ecb = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_ECB_NOPAD, false);
        work = JCSystem.makeTransientByteArray((short) (3 * BLOCK), JCSystem.CLEAR_ON_DESELECT);
        pendingLength = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    void begin(AESKey key) {
        ecb.init(key, Cipher.MODE_ENCRYPT);
        Util.arrayFillNonAtomic(work, (short) 0, (short) work.length, (byte) 0);
        pendingLength[0] = 0;
    }

    /** Adds bytes; a full block is folded in only once more input shows it is not the last. */
    void update(byte[] in, short offset, short length) {
        while (length > 0) {
            if (pendingLength[0] == BLOCK) {
                foldPending();
            }
            short take = (short) (BLOCK - pendingLength[0]);
            if (take > length) {
                take = length;
            }
            Util.arrayCopyNonAtomic(in, offset, work, (short) (PENDING + pendingLength[0]), take);
            pendingLength[0] += take;
            offset += take;
            length -= take;
        }
    }

    /** Writes the first {@code length} bytes of the tag (16 for the full one). */
    void finish(byte[] out, short offset, short length) {
        Util.arrayFillNonAtomic(work, SUBKEY, BLOCK, (byte) 0);
        encrypt(work, SUBKEY);
        doubleSubkey();
        if (pendingLength[0] < BLOCK) {
            // incomplete (or empty) last block: 10* padding and the second subkey
            work[(short) (PENDING + pendingLength[0])] = (byte) 0x80;
            Util.arrayFillNonAtomic(work, (short) (PENDING + pendingLength[0] + 1), (short) (BLOCK - pendingLength[0] - 1), (byte) 0);
            doubleSubkey();
        }
        xor(work, SUBKEY, work, PENDING);
        foldPending();
        Util.arrayCopyNonAtomic(work, STATE, out, offset, length);
    }

    /** One AES block under the key of {@link #begin}, in place. */
    void encrypt(byte[] block, short offset) {
        ecb.doFinal(block, offset, BLOCK, block, offset);
    }

    private void foldPending() {
        xor(work, PENDING, work, STATE);
        encrypt(work, STATE);
        pendingLength[0] = 0;
    }

    private void doubleSubkey() {
        boolean overflow = (work[SUBKEY] & 0x80) != 0;
        for (short i = 0; i < BLOCK; i++) {
            short at = (short) (SUBKEY + i);
            byte next = i < (short) (BLOCK - 1) ? work[(short) (at + 1)] : 0;
            work[at] = (byte) ((work[at] << 1) | ((next >> 7) & 1));
        }
        if (overflow) {
            work[(short) (SUBKEY + BLOCK - 1)] ^= R_128;
        }
    }

    private static void xor(byte[] from, short fromOffset, byte[] into, short intoOffset) {
        for (short i = 0; i < BLOCK; i++) {
            into[(short) (intoOffset + i)] ^= from[(short) (fromOffset + i)];
        }
    }
}
