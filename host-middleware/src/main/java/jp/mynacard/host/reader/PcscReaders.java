package jp.mynacard.host.reader;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/**
 * Finds the reader to talk to through PC/SC. jnasmartcardio instead of the JDK's sunpcsc:
 * it finds libpcsclite without system properties and reports "no readers" as an empty list.
 */
public final class PcscReaders {
    /** How often a waiting kiosk looks for a card: quick enough that nobody notices. */
    private static final long POLL_MILLIS = 100;

    private PcscReaders() {
    }

    /** Every reader pcscd knows, with a card or without; empty when there is none. */
    public static List<CardTerminal> readers() {
        return list();
    }

    /**
     * With a name, the reader whose name contains it; without, the only reader with a card in it.
     *
     * @throws ReaderSelectionException with a message the user can act on
     */
    public static CardTerminal choose(String readerNameOrNull) {
        return choose(readerNameOrNull, list());
    }

    /**
     * As {@link #choose(String)}, but waits up to {@code timeout} for a card to be inserted (a kiosk
     * waiting for its user). A reader problem other than "no card yet" fails at once.
     */
    public static CardTerminal waitForCard(String readerNameOrNull, Duration timeout) throws InterruptedException {
        return waitForCard(readerNameOrNull, timeout, PcscReaders::list);
    }

    static CardTerminal waitForCard(String readerNameOrNull, Duration timeout, Supplier<List<CardTerminal>> readers)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ReaderSelectionException last;
            try {
                CardTerminal chosen = choose(readerNameOrNull, readers.get());
                if (hasCard(chosen)) {
                    return chosen;
                }
                last = new ReaderSelectionException("no card in reader '" + chosen.getName() + "'");
            } catch (ReaderSelectionException e) {
                last = e; // a reader or a card may still arrive
            }
            if (System.nanoTime() >= deadline) {
                throw new ReaderSelectionException(last.getMessage() + " (waited " + timeout.toSeconds() + " s)");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    static CardTerminal choose(String readerNameOrNull, List<CardTerminal> readers) {
        if (readers.isEmpty()) {
            throw new ReaderSelectionException("no reader: connect a smart card reader (is pcscd running?)");
        }
        if (readerNameOrNull != null) {
            List<CardTerminal> named = readers.stream().filter(r -> r.getName().contains(readerNameOrNull)).toList();
            if (named.size() == 1) {
                return named.get(0);
            }
            throw new ReaderSelectionException((named.isEmpty() ? "no reader named '" : "several readers match '")
                    + readerNameOrNull + "'; readers: " + names(named.isEmpty() ? readers : named));
        }
        List<CardTerminal> withCard = readers.stream().filter(PcscReaders::hasCard).toList();
        if (withCard.isEmpty()) {
            throw new ReaderSelectionException("no card in any reader (" + names(readers) + ")");
        }
        if (withCard.size() > 1) {
            throw new ReaderSelectionException(withCard.size() + " readers have a card: " + names(withCard)
                    + "; choose one with --reader");
        }
        return withCard.get(0);
    }

    private static List<CardTerminal> list() {
        return PcscContext.readers();
    }

    private static boolean hasCard(CardTerminal reader) {
        try {
            return reader.isCardPresent();
        } catch (CardException e) {
            return false; // a reader that cannot even say is no candidate
        }
    }

    private static String names(List<CardTerminal> readers) {
        return readers.stream().map(r -> "'" + r.getName() + "'").collect(Collectors.joining(", "));
    }
}
