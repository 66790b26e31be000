package jp.mynacard.perso.channel;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * AES-CMAC and the NIST SP 800-108 counter-mode KDF built on it that diversifies the issuer
 * master key by card serial (docs/personalization-commands.md). The session keys and
 * cryptograms, in SCP03's layout, are the host library's {@code Scp03Session}'s.
 */
final class AesCmacKdf {
    static final int BLOCK = 16;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

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
