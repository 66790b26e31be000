package jp.mynacard.kiosk;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.CardIoException;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.SlotNotFoundException;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import jp.mynacard.model.card.MynaCardException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/library-desk}: a municipal library's lending desk reading the library card number
 * from the library's open slot in the card's free area (docs/free-area.md). No PIN and no key:
 * the library chose open reading, so any of its desks reads the number as from a barcode.
 * Exit codes: 0 read, 1 failed, 2 usage, 3 no card, 6 no library card on this card.
 */
@Command(name = "library-desk", mixinStandardHelpOptions = true,
        description = "A sample library desk: reads the library card number from a My Number card's free area.")
public final class LibraryDeskMain implements Callable<Integer> {
    static final int EXIT_READ = 0;
    static final int EXIT_NO_CARD = 3;
    static final int EXIT_NO_LIBRARY_CARD = 6;

    @Option(names = "--reader", paramLabel = "NAME", description = "the PC/SC reader (part of its name); default: the one with a card")
    String reader;

    @Option(names = "--slot", paramLabel = "TENANT:SERVICE", defaultValue = "131016:0x0101",
            description = "the library's slot (default ${DEFAULT-VALUE}, 千代田区立図書館)")
    String slot;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60", description = "how long to wait for a card (default ${DEFAULT-VALUE})")
    int waitSeconds;

    private final PrintStream screen;

    LibraryDeskMain(PrintStream screen) {
        this.screen = screen;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    public static int run(PrintStream screen, String... args) {
        CommandLine cli = new CommandLine(new LibraryDeskMain(screen));
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            screen.println("library-desk: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        SlotName library;
        try {
            library = SlotName.parse(slot);
        } catch (IllegalArgumentException e) {
            screen.println("library-desk: " + e.getMessage());
            return 2;
        }
        screen.println("カードを置いてください / place the card on the reader");
        try {
            CardTerminal terminal = PcscReaders.waitForCard(reader, Duration.ofSeconds(waitSeconds));
            String number;
            try (ApduChannel channel = ApduChannel.open(terminal)) {
                number = new String(FreeAreaCard.over(channel).readOpen(library), StandardCharsets.UTF_8).strip();
            }
            screen.println("図書館カード番号 / library card number: " + number);
            return EXIT_READ;
        } catch (SlotNotFoundException | ApplicationNotFoundException e) {
            screen.println("このカードに図書館カードは登録されていません / no library card on this card");
            return EXIT_NO_LIBRARY_CARD;
        } catch (ReaderSelectionException | CardIoException e) {
            screen.println("カードが見つかりません / " + e.getMessage());
            return EXIT_NO_CARD;
        } catch (CardRemovedException e) {
            screen.println("カードが取り出されました。もう一度置いてください / the card was taken out: put it back");
            return EXIT_NO_CARD;
        } catch (MynaCardException e) {
            screen.println("このカードは使えません / this card cannot be used: " + e.getMessage());
            return 1;
        }
    }
}
