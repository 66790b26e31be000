package jp.mynacard.host.reader;

import java.time.Duration;
import java.util.function.Function;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardInUseException;

/**
 * The card slot of a kiosk: one customer's card after another, for as long as the program runs.
 * {@link #nextCard} waits for a card and hands out an exclusive session on it; a card pulled
 * mid-session surfaces from that session as {@code CardRemovedException}, and the slot stays
 * usable: the next {@link #nextCard} waits for the next customer. Not for concurrent use.
 */
public final class CardSlot {
    /** How long a session waits for another PC/SC client (a browser's PKCS#11 module, say) to let go. */
    public static final Duration DEFAULT_EXCLUSIVE_WAIT = Duration.ofSeconds(5);
    private static final long REMOVAL_POLL_MILLIS = 100;

    private final String readerNameOrNull;
    private final Duration exclusiveWait;
    private CardTerminal servedReader;

    /** A slot on the reader whose name contains {@code readerNameOrNull}, or on whichever reader gets a card. */
    public CardSlot(String readerNameOrNull) {
        this(readerNameOrNull, DEFAULT_EXCLUSIVE_WAIT);
    }

    public CardSlot(String readerNameOrNull, Duration exclusiveWait) {
        this.readerNameOrNull = readerNameOrNull;
        this.exclusiveWait = exclusiveWait;
    }

    /**
     * Waits up to {@code timeout} for a card, then opens an exclusive session on it with
     * {@code application} (e.g. {@code JpkiCard::over}). The card handed out last time must leave
     * the reader first, so one customer is not served twice.
     *
     * @throws ReaderSelectionException if no new card arrives within {@code timeout}
     * @throws CardInUseException if another program holds the card longer than the exclusive wait
     */
    public <T> T nextCard(Duration timeout, Function<ApduChannel, T> application) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (servedReader != null && !awaitRemoval(timeout)) {
            throw new ReaderSelectionException("the last card is still in reader '" + servedReader.getName()
                    + "' (waited " + timeout.toSeconds() + " s for it to be taken out)");
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        CardTerminal reader = PcscReaders.waitForCard(readerNameOrNull, left);
        T session = ApduChannel.openExclusive(reader, exclusiveWait, application);
        servedReader = reader;
        return session;
    }

    /**
     * Waits up to {@code timeout} for the card last handed out to be taken out; true once it is
     * (or if none was handed out). A kiosk calls it to say goodbye before the next customer.
     */
    public boolean awaitRemoval(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (servedReader != null) {
            if (!cardIn(servedReader)) {
                servedReader = null;
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(REMOVAL_POLL_MILLIS);
        }
        return true;
    }

    /** The reader of the card last handed out, while it is not known to be taken out; null otherwise. */
    public String servedReaderName() {
        return servedReader == null ? null : servedReader.getName();
    }

    private static boolean cardIn(CardTerminal reader) {
        try {
            return reader.isCardPresent();
        } catch (CardException | RuntimeException e) {
            return false; // the reader itself went away: so did the card
        }
    }
}
