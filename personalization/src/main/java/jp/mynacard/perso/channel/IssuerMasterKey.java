package jp.mynacard.perso.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The issuer's AES-128 master key, from which every card's own channel key is diversified by
 * its serial. It lives in a PKCS#12 keystore as a secret-key entry; the card never sees it and
 * toString never shows it.
 */
public final class IssuerMasterKey {
    private static final byte[] DIVERSIFICATION_LABEL = "mynacard card key".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 16;

    private final SecretKey key;

    public IssuerMasterKey(SecretKey key) {
        byte[] encoded = key.getEncoded();
        try {
            if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null || encoded.length != KEY_LENGTH) {
                throw new IllegalArgumentException("the issuer master key must be an AES-128 key");
            }
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
        this.key = key;
    }

    /** Reads the secret-key entry {@code alias} of a PKCS#12 keystore. */
    public static IssuerMasterKey load(Path keystore, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
            if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
                throw new IllegalArgumentException("keystore " + keystore + " has no secret key entry '" + alias + "'");
            }
            return new IssuerMasterKey(secret.getSecretKey());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read keystore " + keystore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** The card's own key: K = CMAC-KDF(master, "mynacard card key", serial), SP 800-108 counter mode. */
    CardKey diversify(byte[] serial) {
        byte[] material = AesCmacKdf.counterMode(key, DIVERSIFICATION_LABEL, serial);
        try {
            return new CardKey(new SecretKeySpec(material, "AES"));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "IssuerMasterKey[AES-128, value hidden]";
    }
}
