package jp.mynacard.perso.cli.counter;

import java.time.Duration;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.reader.PcscReaders;
import picocli.CommandLine.Option;

/** The holder's own card in a second reader, beside the one being issued (tests put a simulated card here). */
class HolderCardConnection {
    private static final Duration EXCLUSIVE_WAIT = Duration.ofSeconds(10);

    @Option(names = "--card-reader", required = true, paramLabel = "NAME",
            description = "the reader holding the holder's My Number card (its name contains NAME)")
    String reader;

    ApduChannel open() {
        return ApduChannel.openExclusive(PcscReaders.choose(reader), EXCLUSIVE_WAIT);
    }
}
