package jp.mynacard.model.pkcs11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * A PKCS#11 token (an HSM, SoftHSM2) opened through the JDK's SunPKCS11 provider, logged in with
 * its user PIN: the centre's CA keys and the personalization bureau's issuer keys both live on
 * one. The provider is not installed JVM-wide, so two tokens in one JVM each get their own.
 *
 * @param provider the token's provider, which alone can use its keys
 * @param keys     its KeyStore view: CKA_LABEL as alias
 */
public record Pkcs11Token(Provider provider, KeyStore keys) {

    /**
     * @param configFile a SunPKCS11 configuration ({@code name=}, {@code library=}, {@code slot=} or
     *                   {@code slotListIndex=}; SunPKCS11 cannot choose a token by its label)
     * @throws IOException naming the file and SunPKCS11's own reason (CKR_PIN_INCORRECT, a bad line,
     *                     no library), never the PIN
     */
    public static Pkcs11Token open(Path configFile, char[] pin) throws IOException {
        if (!Files.isReadable(configFile)) {
            throw new IOException("no SunPKCS11 configuration file " + configFile);
        }
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(configFile.toString());
            KeyStore keys = KeyStore.getInstance("PKCS11", provider);
            keys.load(null, pin);
            return new Pkcs11Token(provider, keys);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("cannot open the PKCS#11 token of " + configFile + ": " + reasons(e), e);
        }
    }

    /** "load failed: CKR_PIN_INCORRECT" rather than "load failed": SunPKCS11 says what went wrong in the causes. */
    public static String reasons(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
