package jp.mynacard.perso.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import jp.mynacard.model.pkcs11.Pkcs11Token;

/**
 * Where the issuer keeps its keys: the master key and the operators' credentials. A PKCS#12 file
 * by default, or a PKCS#11 token (SoftHSM2, an HSM) through the JDK's SunPKCS11 provider, whose
 * keys stay on the token and are used there. The password or PIN is never put in a message.
 */
public final class IssuerKeyStore implements AutoCloseable {
    private final KeyStore store;
    private final Provider provider;
    private final char[] password;
    private final String description;

    private IssuerKeyStore(KeyStore store, Provider provider, char[] password, String description) {
        this.store = store;
        this.provider = provider;
        this.password = password;
        this.description = description;
    }

    /** A PKCS#12 keystore file; its entries share the file's password. */
    public static IssuerKeyStore pkcs12(Path file, char[] password) {
        String description = "keystore " + file;
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new IssuerKeyStore(store, null, password.clone(), description);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + description + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * The token a SunPKCS11 configuration file names ({@code name=}, {@code library=}, {@code slot=}
     * or {@code slotListIndex=}), logged in with the user PIN. The provider is this store's own, not
     * installed JVM-wide. Entries are found by their CKA_LABEL. PKCS#11 login is per process: once
     * this JVM is logged in to the token, SunPKCS11 does not check a later PIN, so a tool opens it once.
     */
    public static IssuerKeyStore pkcs11(Path configFile, char[] pin) {
        String description = "PKCS#11 token of " + configFile;
        if (pin == null || pin.length == 0) {
            throw new IllegalArgumentException("the " + description + " needs its user PIN");
        }
        try {
            Pkcs11Token token = Pkcs11Token.open(configFile, pin);
            return new IssuerKeyStore(token.keys(), token.provider(), null, description);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The entry {@code alias}, or null; a PKCS#11 entry needs no password, a PKCS#12 one has the file's. */
    KeyStore.Entry entry(String alias) {
        try {
            if (!store.containsAlias(alias)) {
                return null;
            }
            return store.getEntry(alias, provider == null ? new KeyStore.PasswordProtection(password) : null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read entry '" + alias + "' of " + description + ": " + Pkcs11Token.reasons(e), e);
        }
    }

    /** The entry {@code alias} as the caller needs it, or a clear error naming what was found instead. */
    public <T extends KeyStore.Entry> T entry(String alias, Class<T> kind, String what) {
        KeyStore.Entry entry = entry(alias);
        if (!kind.isInstance(entry)) {
            throw new IllegalArgumentException(description + " has no " + what + " entry '" + alias + "'"
                    + (entry == null ? "" : " (it holds a " + entry.getClass().getSimpleName() + ")"));
        }
        return kind.cast(entry);
    }

    /** The token's provider, which alone can use its keys; null for a PKCS#12 file. */
    public Provider provider() {
        return provider;
    }

    public boolean isToken() {
        return provider != null;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Forgets the PKCS#12 password; keys already taken out stay usable. */
    @Override
    public void close() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
