package jp.mynacard.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * The issuer master key of this JVM's virtual cards: a fresh AES-128 key in a PKCS#12 keystore
 * made at first use in a temporary file (deleted at exit) and read back as an issuer would read
 * theirs. Never a fixed key in the repository; never printed.
 */
final class TestIssuerKey {
    static final String ALIAS = "issuer-master";
    static final IssuerMasterKey KEY = create();

    private TestIssuerKey() {
    }

    private static IssuerMasterKey create() {
        try {
            Path keystore = Files.createTempFile("mynacard-issuer", ".p12");
            keystore.toFile().deleteOnExit();
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
            write(keystore, password);
            return IssuerMasterKey.load(keystore, password, ALIAS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test issuer keystore", e);
        }
    }

    /** A PKCS#12 keystore holding one fresh AES-128 secret-key entry under {@link #ALIAS}. */
    static void write(Path keystore, char[] password) throws IOException {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setEntry(ALIAS, new KeyStore.SecretKeyEntry(generator.generateKey()), new KeyStore.PasswordProtection(password));
            try (OutputStream out = Files.newOutputStream(keystore)) {
                store.store(out, password);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an AES keystore", e);
        }
    }
}
