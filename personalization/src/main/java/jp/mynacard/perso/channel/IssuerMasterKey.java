package jp.mynacard.perso.channel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The issuer's AES-128 master key, from which every card's own channel key is diversified by
 * its serial. It lives in a PKCS#12 keystore as a secret-key entry, or on a PKCS#11 token where
 * it is sensitive and the diversification runs on the token's AES; the card never sees it and
 * toString never shows it.
 */
public final class IssuerMasterKey {
    private static final byte[] DIVERSIFICATION_LABEL = "mynacard card key".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 16;
    private static final int KEY_BITS = 128;
    /** SunPKCS11's description of a key: "SunPKCS11-x AES secret key, 128 bits token object, sensitive, ...". */
    private static final Pattern TOKEN_KEY_SIZE = Pattern.compile("secret key, (\\d+) bits");

    private final SecretKey key;
    /** The token's provider for a key on a token; null for a key in memory. */
    private final Provider provider;

    public IssuerMasterKey(SecretKey key) {
        byte[] encoded = key.getEncoded();
        try {
            if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null || encoded.length != KEY_LENGTH) {
                throw new IllegalArgumentException("the issuer master key must be an AES-128 key"
                        + (encoded == null ? " whose value can be read (a key on a token: IssuerMasterKey.from)" : ""));
            }
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
        this.key = key;
        this.provider = null;
    }

    private IssuerMasterKey(SecretKey tokenKey, Provider provider) {
        this.key = tokenKey;
        this.provider = provider;
    }

    /** Reads the secret-key entry {@code alias} of a PKCS#12 keystore. */
    public static IssuerMasterKey load(Path keystore, char[] password, String alias) {
        try (IssuerKeyStore store = IssuerKeyStore.pkcs12(keystore, password)) {
            return from(store, alias);
        }
    }

    /**
     * The AES key labelled {@code alias} on the PKCS#11 token a SunPKCS11 configuration file names,
     * logged in with {@code pin}. The key stays on the token; it must be sensitive.
     */
    public static IssuerMasterKey pkcs11(Path configFile, char[] pin, String alias) {
        return from(IssuerKeyStore.pkcs11(configFile, pin), alias);
    }

    /** The secret-key entry {@code alias} of the issuer's keystore or token. */
    public static IssuerMasterKey from(IssuerKeyStore store, String alias) {
        SecretKey key = store.entry(alias, KeyStore.SecretKeyEntry.class, "secret key").getSecretKey();
        if (!store.isToken()) {
            return new IssuerMasterKey(key);
        }
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("the issuer master key '" + alias + "' on the " + store
                    + " is a " + key.getAlgorithm() + " key, not AES-128");
        }
        byte[] encoded = key.getEncoded();
        if (encoded != null) {
            Arrays.fill(encoded, (byte) 0);
            throw new IllegalArgumentException("the issuer master key '" + alias + "' on the " + store
                    + " can be read off the token: make it sensitive and not extractable"
                    + " (CKA_SENSITIVE true, CKA_EXTRACTABLE false)");
        }
        int bits = tokenKeyBits(key);
        if (bits != KEY_BITS) {
            throw new IllegalArgumentException("the issuer master key '" + alias + "' on the " + store
                    + " is AES-" + bits + ", not AES-128");
        }
        return new IssuerMasterKey(key, store.provider());
    }

    /**
     * The size of a sensitive token key, which JCA cannot ask for: SunPKCS11 says it in the key's
     * description. JDK 17 gives CKA_VALUE_LEN there unconverted for keys found on a token (16 for
     * AES-128, 32 for AES-256) and bits for keys it made; AES's sizes in bytes and in bits do not
     * overlap, so both read unambiguously.
     */
    private static int tokenKeyBits(SecretKey key) {
        Matcher size = TOKEN_KEY_SIZE.matcher(String.valueOf(key));
        if (!size.find()) {
            throw new IllegalArgumentException("cannot tell the size of the token's key " + key.getAlgorithm()
                    + " (" + key.getClass().getName() + "): the issuer master key must be AES-128");
        }
        int length = Integer.parseInt(size.group(1));
        return length == 16 || length == 24 || length == 32 ? length * 8 : length;
    }

    /** The card's own key: K = CMAC-KDF(master, "mynacard card key", serial), SP 800-108 counter mode. */
    CardKey diversify(byte[] serial) {
        byte[] material = AesCmacKdf.counterMode(key, provider, DIVERSIFICATION_LABEL, serial);
        try {
            return new CardKey(new SecretKeySpec(material, "AES"));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "IssuerMasterKey[AES-128, " + (provider == null ? "value hidden" : "on token " + provider.getName()) + "]";
    }
}
