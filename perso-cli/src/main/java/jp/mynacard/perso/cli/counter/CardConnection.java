package jp.mynacard.perso.cli.counter;

import java.time.Duration;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The card in the counter's reader, and the issuer master key that opens its secure channel (PKCS#12 or a PKCS#11 token) (tests put a simulated card here). */
class CardConnection {
    /** Long enough for a kiosk's middleware to let go of the card, short enough to tell the clerk. */
    private static final Duration EXCLUSIVE_WAIT = Duration.ofSeconds(10);

    @Option(names = "--reader", paramLabel = "NAME", description = "the reader whose name contains NAME (default: the only one with a card)")
    String reader;

    @Mixin
    IssuerKeyOptions keys = new IssuerKeyOptions();

    IssuerMasterKey master(SecretInput secrets) {
        return keys.masterKey(secrets::read);
    }

    /** The card alone for the operation: a counter operation must not interleave with another application's commands. */
    ApduChannel open() {
        return ApduChannel.openExclusive(PcscReaders.choose(reader), EXCLUSIVE_WAIT);
    }
}
