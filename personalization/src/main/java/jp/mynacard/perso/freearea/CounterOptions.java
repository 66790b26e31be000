package jp.mynacard.perso.freearea;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jp.mynacard.perso.channel.IssuerMasterKey;
import picocli.CommandLine.Option;

/** Where the counter's commands find the card and the issuer master key. */
final class CounterOptions {
    @Option(names = "--reader", paramLabel = "NAME", description = "the PC/SC reader (part of its name); default: the one with a card")
    String reader;

    @Option(names = "--keystore", paramLabel = "FILE", required = true,
            description = "PKCS#12 keystore holding the issuer master key (AES-128 secret-key entry)")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", required = true,
            description = "file whose first line is the keystore password")
    Path passwordFile;

    @Option(names = "--alias", defaultValue = "issuer-master", description = "the master key's alias (default ${DEFAULT-VALUE})")
    String alias;

    IssuerMasterKey masterKey() throws IOException {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
        try {
            return IssuerMasterKey.load(keystore, password, alias);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
