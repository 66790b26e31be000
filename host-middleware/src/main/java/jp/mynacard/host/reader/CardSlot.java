package jp.mynacard.host.reader;

import java.time.Duration;
import java.util.List;
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
    /** After pcscd comes back, how long a reader gets to report the card it still holds. */
    public static final Duration RESTART_SETTLE = Duration.ofSeconds(3);
    private static final long NOT_LOST = Long.MIN_VALUE;

    private final String readerNameOrNull;
    private final Duration exclusiveWait;
    private CardTerminal servedReader;
    /** When the served reader's PC/SC context was last found dead, or NOT_LOST. */
    private long lostSinceNanos = NOT_LOST;

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
        lostSinceNanos = NOT_LOST;
        return session;
    }

    /**
     * Waits up to {@code timeout} for the card last handed out to be taken out; true once it is
     * (or if none was handed out). A kiosk calls it to say goodbye before the next customer.
     */
    public boolean awaitRemoval(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (servedReader != null) {
            if (!cardStillIn()) {
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

    /**
     * Whether the card handed out is still in. A reader that cannot answer belongs to a PC/SC
     * context pcscd no longer knows (restarted) or was unplugged: the same reader is then looked
     * up afresh. While pcscd is away, and for a moment after it is back (a reader reports its card
     * only once pcscd has powered it up again), the card is presumed still in, so that a restart
     * does not hand the last customer's card out a second time.
     */
    private boolean cardStillIn() {
        if (lostSinceNanos == NOT_LOST) {
            try {
                return servedReader.isCardPresent();
            } catch (CardException | RuntimeException e) {
                lostSinceNanos = System.nanoTime();
            }
        }
        List<CardTerminal> readers;
        try {
            readers = PcscReaders.readers();
        } catch (ReaderSelectionException e) {
            lostSinceNanos = System.nanoTime(); // pcscd still away: the settling starts when it is back
            return true;
        }
        for (CardTerminal reader : readers) {
            if (reader.getName().equals(servedReader.getName()) && present(reader)) {
                servedReader = reader;
                lostSinceNanos = NOT_LOST;
                return true;
            }
        }
        return System.nanoTime() - lostSinceNanos < RESTART_SETTLE.toNanos();
    }

    private static boolean present(CardTerminal reader) {
        try {
            return reader.isCardPresent();
        } catch (CardException | RuntimeException e) {
            return false;
        }
    }
}
