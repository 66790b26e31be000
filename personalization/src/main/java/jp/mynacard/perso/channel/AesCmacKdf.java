package jp.mynacard.perso.channel;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * AES-CMAC and the NIST SP 800-108 counter-mode KDF built on it, in the two layouts the
 * channel uses (docs/personalization-commands.md): SCP03's for session keys and cryptograms,
 * the plain SP 800-108 one for diversifying the issuer master key by card serial.
 */
final class AesCmacKdf {
    static final int BLOCK = 16;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final int SCP03_LABEL_LENGTH = 12;

    private AesCmacKdf() {
    }

    static byte[] cmac(SecretKey key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("AESCMAC", PROVIDER);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CMAC unavailable", e);
        }
    }

    /** SCP03 layout: 11 zeros and the constant, 00, L (bits, 2 bytes), counter 01, context. */
    static byte[] scp03(SecretKey key, int constant, int bits, byte[] context) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(new byte[SCP03_LABEL_LENGTH - 1]);
        data.write(constant);
        data.write(0);
        data.write(bits >> 8);
        data.write(bits);
        data.write(1);
        data.writeBytes(context);
        return Arrays.copyOf(cmac(key, data.toByteArray()), bits / 8);
    }

    static SecretKey scp03Key(SecretKey key, int constant, byte[] context) {
        byte[] material = scp03(key, constant, 128, context);
        try {
            return new SecretKeySpec(material, "AES");
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** SP 800-108 counter mode, one block: [i = 01] || label || 00 || context || [L = 0080]. */
    static byte[] counterMode(SecretKey key, byte[] label, byte[] context) {
        return counterMode(key, null, label, context);
    }

    /**
     * As {@link #counterMode(SecretKey, byte[], byte[])}, with the CMAC computed by {@code provider}'s
     * AES when the key lives on a token (null: a key in memory, BouncyCastle's CMAC).
     */
    static byte[] counterMode(SecretKey key, Provider provider, byte[] label, byte[] context) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(1);
        data.writeBytes(label);
        data.write(0);
        data.writeBytes(context);
        data.write(0x00);
        data.write(0x80);
        return provider == null ? cmac(key, data.toByteArray()) : TokenCmac.cmac(key, provider, data.toByteArray());
    }
}
