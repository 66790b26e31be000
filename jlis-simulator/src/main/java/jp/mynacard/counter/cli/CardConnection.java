package jp.mynacard.counter.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.perso.channel.IssuerMasterKey;
import picocli.CommandLine.Option;

/** The card in the counter's reader, and the issuer master key that opens its secure channel (tests put a simulated card here). */
class CardConnection {
    static final String PASSWORD_VARIABLE = "MYNACARD_MASTER_KEY_PASSWORD";
    /** Long enough for a kiosk's middleware to let go of the card, short enough to tell the clerk. */
    private static final Duration EXCLUSIVE_WAIT = Duration.ofSeconds(10);

    @Option(names = "--reader", paramLabel = "NAME", description = "the reader whose name contains NAME (default: the only one with a card)")
    String reader;

    @Option(names = "--master-key", required = true, paramLabel = "P12",
            description = "PKCS#12 keystore holding the issuer master key (password: env " + PASSWORD_VARIABLE + " or prompt)")
    Path masterKey;

    @Option(names = "--master-key-alias", paramLabel = "ALIAS", defaultValue = "issuer-master",
            description = "the secret-key entry's alias (default ${DEFAULT-VALUE})")
    String alias;

    IssuerMasterKey master(SecretInput secrets) {
        char[] password = secrets.read("master keystore password", PASSWORD_VARIABLE);
        try {
            return IssuerMasterKey.load(masterKey, password, alias);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The card alone for the operation: a counter operation must not interleave with another application's commands. */
    ApduChannel open() {
        return ApduChannel.openExclusive(PcscReaders.choose(reader), EXCLUSIVE_WAIT);
    }
}
