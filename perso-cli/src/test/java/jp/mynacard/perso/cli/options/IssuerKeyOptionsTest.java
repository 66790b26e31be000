package jp.mynacard.perso.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared key options as a command parses them: one store, opened once, its secret from where the options say. */
class IssuerKeyOptionsTest {
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    Path dir;

    @Command(name = "tool")
    static final class Tool {
        @Mixin
        IssuerKeyOptions keys = new IssuerKeyOptions();
    }

    private static IssuerKeyOptions parse(String... args) {
        Tool tool = new Tool();
        new CommandLine(tool).parseArgs(args);
        return tool.keys;
    }

    @Test
    void aKeystoreAndATokenOrNeitherAreRefusedBeforeAnySecretIsAsked() {
        List<String> asked = new ArrayList<>();
        IssuerKeyOptions.Secrets recording = (label, variable) -> {
            asked.add(variable);
            return PASSWORD.clone();
        };
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> parse("--master-key", "a.p12", "--pkcs11-config", "t.cfg").store(recording));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class, () -> parse().store(recording));
        assertTrue(neither.getMessage().contains("--master-key P12 or --pkcs11-config CFG"), neither.getMessage());
        assertEquals(List.of(), asked);
    }

    @Test
    void theKeystorePasswordComesFromItsVariableAndTheStoreIsOpenedOnce() throws Exception {
        Path keystore = keystore();
        List<String> asked = new ArrayList<>();
        IssuerKeyOptions keys = parse("--master-key", keystore.toString(), "--master-key-alias", "issuer-master");
        IssuerKeyOptions.Secrets recording = (label, variable) -> {
            asked.add(variable);
            return PASSWORD.clone();
        };
        assertNotNull(keys.masterKey(recording));
        assertSame(keys.store(recording), keys.store(recording));
        assertEquals(List.of(IssuerKeyOptions.PASSWORD_VARIABLE), asked);
    }

    @Test
    void aPasswordFileIsReadInsteadOfAsking() throws Exception {
        Path keystore = keystore();
        Path passwordFile = Files.writeString(dir.resolve("pw"), String.valueOf(PASSWORD) + "\n");
        IssuerKeyOptions keys = parse("--master-key", keystore.toString(), "--keystore-password-file", passwordFile.toString());
        assertNotNull(keys.masterKey((label, variable) -> {
            throw new AssertionError("asked for " + label + " though a file was given");
        }));
    }

    @Test
    void aTokenAsksForItsPinUnderItsOwnVariable() {
        List<String> asked = new ArrayList<>();
        IssuerKeyOptions keys = parse("--pkcs11-config", dir.resolve("missing.cfg").toString());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> keys.store((label, variable) -> {
            asked.add(variable);
            return "1234".toCharArray();
        }));
        assertTrue(missing.getMessage().contains("no SunPKCS11 configuration file"), missing.getMessage());
        assertEquals(List.of(IssuerKeyOptions.PIN_VARIABLE), asked);
    }

    private Path keystore() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setEntry("issuer-master", new KeyStore.SecretKeyEntry(generator.generateKey()), new KeyStore.PasswordProtection(PASSWORD));
        Path file = dir.resolve("issuer.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
