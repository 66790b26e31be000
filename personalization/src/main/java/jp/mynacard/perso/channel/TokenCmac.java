package jp.mynacard.perso.channel;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B) computed with the raw AES block cipher of the key's own
 * provider: a PKCS#11 token offers AES/ECB but no CMAC to the JDK, and its sensitive key cannot
 * be handed to BouncyCastle. Only chaining values and the MAC come out of the token, never the key.
 */
final class TokenCmac {
    private static final int BLOCK = AesCmacKdf.BLOCK;
    private static final int RB = 0x87;

    private TokenCmac() {
    }

    static byte[] cmac(SecretKey key, Provider provider, byte[]... parts) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding", provider);
            aes.init(Cipher.ENCRYPT_MODE, key);
            return cmac(aes, concatenate(parts));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES on the token refused the issuer master key: " + e.getMessage(), e);
        }
    }

    private static byte[] cmac(Cipher aes, byte[] message) throws GeneralSecurityException {
        byte[] k1 = doubled(aes.doFinal(new byte[BLOCK]));
        byte[] k2 = doubled(k1);
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        byte[] last = new byte[BLOCK];
        int lastStart = (blocks - 1) * BLOCK;
        int lastLength = message.length - lastStart;
        System.arraycopy(message, lastStart, last, 0, lastLength);
        if (!complete) {
            last[lastLength] = (byte) 0x80;
        }
        xor(last, complete ? k1 : k2, 0);
        byte[] chain = new byte[BLOCK];
        for (int i = 0; i < blocks - 1; i++) {
            xor(chain, message, i * BLOCK);
            chain = aes.doFinal(chain);
        }
        xor(chain, last, 0);
        byte[] mac = aes.doFinal(chain);
        Arrays.fill(k1, (byte) 0);
        Arrays.fill(k2, (byte) 0);
        return mac;
    }

    /** Multiplication by x in GF(2^128): the subkey step of SP 800-38B. */
    private static byte[] doubled(byte[] block) {
        byte[] result = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int next = i + 1 < BLOCK ? (block[i + 1] & 0xFF) >>> 7 : 0;
            result[i] = (byte) ((block[i] << 1) | next);
        }
        if ((block[0] & 0x80) != 0) {
            result[BLOCK - 1] ^= (byte) RB;
        }
        return result;
    }

    private static void xor(byte[] target, byte[] source, int offset) {
        for (int i = 0; i < BLOCK; i++) {
            target[i] ^= source[offset + i];
        }
    }

    private static byte[] concatenate(byte[][] parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
