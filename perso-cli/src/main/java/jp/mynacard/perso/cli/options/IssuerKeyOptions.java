package jp.mynacard.perso.cli.options;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import jp.mynacard.perso.channel.IssuerKeyStore;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.journal.OperatorCredential;
import picocli.CommandLine.Option;

/**
 * The issuer's keys as every bureau and counter command takes them (a picocli mixin shared by
 * {@code perso issue}, the counter verbs and {@code perso free-area}): a PKCS#12 keystore, or a
 * PKCS#11 token through a SunPKCS11 configuration; the master key and the operator credential by
 * alias. The store is opened once per run: PKCS#11 login is per process. The password or PIN comes
 * from the environment, a file or a no-echo prompt, never from the command line.
 */
public final class IssuerKeyOptions {
    public static final String PASSWORD_VARIABLE = "MYNACARD_MASTER_KEY_PASSWORD";
    public static final String PIN_VARIABLE = "MYNACARD_PKCS11_PIN";
    public static final String DEFAULT_MASTER_ALIAS = "issuer-master";

    /** Where a secret comes from: {@code label} for a prompt, {@code variable} the environment's name for it. */
    @FunctionalInterface
    public interface Secrets {
        char[] read(String label, String variable);
    }

    @Option(names = "--master-key", paramLabel = "P12",
            description = "the issuer's PKCS#12 keystore (password: $" + PASSWORD_VARIABLE + ", --keystore-password-file or prompt)")
    Path keystore;

    @Option(names = "--pkcs11-config", paramLabel = "CFG",
            description = "instead of --master-key: the PKCS#11 token (SoftHSM2, an HSM) this SunPKCS11 configuration names"
                    + " (user PIN: $" + PIN_VARIABLE + ", --keystore-password-file or prompt)")
    Path pkcs11Config;

    @Option(names = "--master-key-alias", paramLabel = "ALIAS", defaultValue = DEFAULT_MASTER_ALIAS,
            description = "the master key's entry, CKA_LABEL on a token (default ${DEFAULT-VALUE})")
    String masterKeyAlias = DEFAULT_MASTER_ALIAS;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "a file whose first line is the keystore password or the token PIN")
    Path secretFile;

    private IssuerKeyStore store;

    /** Whether the command line names a keystore or a token at all. */
    public boolean given() {
        return keystore != null || pkcs11Config != null;
    }

    public boolean onToken() {
        return pkcs11Config != null;
    }

    /** The keystore or token, opened on first use and kept for the rest of the run. */
    public synchronized IssuerKeyStore store(Secrets secrets) {
        if (store != null) {
            return store;
        }
        if (keystore != null && pkcs11Config != null) {
            throw new IllegalArgumentException("give --master-key or --pkcs11-config, not both");
        }
        if (!given()) {
            throw new IllegalArgumentException("the issuer's keys are needed: give --master-key P12 or --pkcs11-config CFG");
        }
        char[] secret = onToken() ? secret(secrets, "token user PIN", PIN_VARIABLE)
                : secret(secrets, "master keystore password", PASSWORD_VARIABLE);
        try {
            store = onToken() ? IssuerKeyStore.pkcs11(pkcs11Config, secret) : IssuerKeyStore.pkcs12(keystore, secret);
            return store;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    public IssuerMasterKey masterKey(Secrets secrets) {
        return IssuerMasterKey.from(store(secrets), masterKeyAlias);
    }

    /** The operator's credential {@code alias} from the same keystore or token. */
    public OperatorCredential operator(Secrets secrets, String alias, Clock clock) {
        return OperatorCredential.from(store(secrets), alias, clock);
    }

    /** The process's environment, then a no-echo prompt on the terminal. */
    public static Secrets processSecrets() {
        return (label, variable) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                return value.toCharArray();
            }
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("the " + label + " is needed: set $" + variable + " or run in a terminal to be asked");
            }
            return console.readPassword("%s: ", label);
        };
    }

    private char[] secret(Secrets secrets, String label, String variable) {
        if (secretFile == null) {
            return secrets.read(label, variable);
        }
        try {
            return Files.readString(secretFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + label + " from " + secretFile + ": " + e.getMessage(), e);
        }
    }
}
