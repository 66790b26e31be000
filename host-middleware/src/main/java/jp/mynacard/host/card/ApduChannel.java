package jp.mynacard.host.card;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.model.card.MynaCardException;

/**
 * The one byte-level seam between the host library and a card: an in-process jcardsim
 * card, a virtual card behind pcscd, or a real reader all come in as a {@link CardChannel}.
 *
 * <p>Its commands go through a stack of {@link ApduTransport}s: the card's channel with its
 * transport failures made typed ({@link CardChannelTransport}), counting, logging at DEBUG
 * without the data of any command that carries a PIN ({@link LoggingTransport}), and 61xx/6Cxx
 * followed as ISO 7816-4 says ({@link GetResponseTransport}; jcardsim's channel does not).
 *
 * <p>{@link #openExclusive} holds the card for one session against every other PC/SC client;
 * see docs/pcsc-sessions.md.
 */
public final class ApduChannel implements AutoCloseable {
    /** jnasmartcardio's spelling of SCARD_SHARE_EXCLUSIVE with any protocol. */
    private static final String EXCLUSIVE_ANY_PROTOCOL = "EXCLUSIVE;*";
    private static final long IN_USE_RETRY_MILLIS = 100;
    /**
     * pcsc-lite blocks SCardConnect while another client is inside a transaction, with no
     * timeout of its own: connect on a daemon thread so the caller's wait stays bounded.
     */
    private static final ExecutorService CONNECTOR = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "pcsc-exclusive-connect");
        thread.setDaemon(true);
        return thread;
    });

    private final CardTerminal terminal;
    private final Card card;
    private final boolean resetOnClose;
    private final CountingTransport counter;
    /** GET RESPONSE over logging over counting over the card: every exchange is logged and counted. */
    private final ApduTransport transport;

    private ApduChannel(CardTerminal terminal, Card card, CardChannel channel) {
        this(terminal, card, channel, false);
    }

    private ApduChannel(CardTerminal terminal, Card card, CardChannel channel, boolean resetOnClose) {
        this(terminal, card, new CardChannelTransport(channel, terminal), resetOnClose);
    }

    private ApduChannel(CardTerminal terminal, Card card, ApduTransport bottom, boolean resetOnClose) {
        this.terminal = terminal;
        this.card = card;
        this.resetOnClose = resetOnClose;
        this.counter = new CountingTransport(bottom);
        this.transport = new GetResponseTransport(new LoggingTransport(counter));
    }

    /** Connects to the card in {@code terminal} with any protocol and uses its basic channel. */
    public static ApduChannel open(CardTerminal terminal) {
        try {
            if (!terminal.isCardPresent()) {
                throw new CardRemovedException("no card in reader " + terminal.getName(), null);
            }
            Card card = terminal.connect("*");
            return new ApduChannel(terminal, card, card.getBasicChannel());
        } catch (CardException e) {
            throw PcscFailure.translate(terminal, "connecting to " + terminal.getName(), e);
        }
    }

    /**
     * Connects to the card in {@code terminal} and hands the channel to {@code application} (an
     * AP's {@code over}, which selects it); if that fails, the channel is closed again.
     */
    public static <T> T open(CardTerminal terminal, Function<ApduChannel, T> application) {
        ApduChannel channel = open(terminal);
        try {
            return application.apply(channel);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects to the card in {@code terminal} exclusively: until {@link #close()}, no other PC/SC
     * client can connect to it or send it a command, so a PIN verified in this session serves
     * this session's commands only. Closing resets the card, so the verified state does not
     * outlive the session either. Waits up to {@code maxWait} for other clients to let go.
     *
     * @throws CardInUseException if another client still holds the card after {@code maxWait}
     * @throws CardRemovedException if there is no card in the reader
     */
    public static ApduChannel openExclusive(CardTerminal terminal, Duration maxWait) {
        try {
            if (!terminal.isCardPresent()) {
                throw new CardRemovedException("no card in reader " + terminal.getName(), null);
            }
        } catch (CardException e) {
            throw PcscFailure.translate(terminal, "connecting to " + terminal.getName(), e);
        }
        Card card = connectExclusive(terminal, maxWait);
        return new ApduChannel(terminal, card, card.getBasicChannel(), true);
    }

    /** As {@link #open(CardTerminal, Function)}, but exclusive as {@link #openExclusive(CardTerminal, Duration)} is. */
    public static <T> T openExclusive(CardTerminal terminal, Duration maxWait, Function<ApduChannel, T> application) {
        ApduChannel channel = openExclusive(terminal, maxWait);
        try {
            return application.apply(channel);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether this session holds the card exclusively ({@link #openExclusive}). */
    public boolean isExclusive() {
        return resetOnClose;
    }

    /** Wraps a channel someone else connected; {@link #close()} then leaves the card connected. */
    public static ApduChannel over(CardChannel channel) {
        return new ApduChannel(null, null, channel);
    }

    /**
     * Wraps any transport (a recorded session replayed, a card behind another stack): the same
     * GET RESPONSE, logging and counting stand on it. {@link #close()} leaves it to its owner.
     */
    public static ApduChannel over(ApduTransport transport) {
        return new ApduChannel(null, null, transport, false);
    }

    /** Sends one command, following 61xx with GET RESPONSE and 6Cxx with the corrected Le. */
    public ResponseAPDU transmit(CommandAPDU command) {
        return transport.transmit(command);
    }

    /** Resets the card (cold reset where the stack allows it): the card's security state is gone afterwards. */
    public void reset() {
        if (card == null) {
            throw new IllegalStateException("this channel was opened by someone else, who owns the reset");
        }
        try {
            card.disconnect(true);
        } catch (CardException e) {
            throw PcscFailure.translate(terminal, "resetting the card", e);
        }
    }

    /** Commands sent so far, and bytes on the wire each way (command APDUs, responses with SW). */
    public int commandCount() {
        return counter.commandCount();
    }

    public long bytesSent() {
        return counter.bytesSent();
    }

    public long bytesReceived() {
        return counter.bytesReceived();
    }

    @Override
    public void close() {
        if (card == null) {
            return;
        }
        if (resetOnClose) {
            try {
                // ends the transaction of connectThenBeginExclusive; jcardsim keeps it past a disconnect
                card.endExclusive();
            } catch (CardException | RuntimeException e) {
                // an exclusive-mode connection has no transaction to end
            }
        }
        try {
            card.disconnect(resetOnClose);
        } catch (CardException | IllegalStateException e) {
            // already gone: nothing left to release
        }
    }

    /**
     * For a javax.smartcardio provider that does not take jnasmartcardio's share-mode prefix (the
     * JDK's own SunPCSC, jcardsim's in-process terminal): a shared connection inside the standard
     * API's exclusive access (a PC/SC transaction).
     */
    private static Card connectThenBeginExclusive(CardTerminal terminal, String what) {
        try {
            Card card = terminal.connect("*");
            try {
                card.beginExclusive();
            } catch (CardException | RuntimeException e) {
                card.disconnect(false);
                throw e;
            }
            return card;
        } catch (CardException e) {
            throw PcscFailure.translate(terminal, what, e);
        }
    }

    /**
     * Retries while other clients are connected (SCARD_E_SHARING_VIOLATION comes at once); an
     * attempt still blocked at the deadline is abandoned, and disconnected should it succeed later.
     */
    private static Card connectExclusive(CardTerminal terminal, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        String what = "connecting exclusively to " + terminal.getName();
        while (true) {
            Future<Card> attempt = CONNECTOR.submit(() -> terminal.connect(EXCLUSIVE_ANY_PROTOCOL));
            try {
                return attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                CONNECTOR.submit(() -> disconnectWhenConnected(attempt));
                throw inUse(terminal, maxWait, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IllegalArgumentException) {
                    return connectThenBeginExclusive(terminal, what);
                }
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                MynaCardException failure = PcscFailure.translate(terminal, what, cause);
                if (!(failure instanceof CardInUseException) || System.nanoTime() >= deadline) {
                    throw failure instanceof CardInUseException ? inUse(terminal, maxWait, cause) : failure;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                CONNECTOR.submit(() -> disconnectWhenConnected(attempt));
                throw new CardInUseException("interrupted while " + what, e);
            }
            try {
                Thread.sleep(IN_USE_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardInUseException("interrupted while " + what, e);
            }
        }
    }

    private static void disconnectWhenConnected(Future<Card> attempt) {
        try {
            attempt.get().disconnect(true);
        } catch (ExecutionException | CardException | RuntimeException e) {
            // never connected, or gone since: nothing held
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CardInUseException inUse(CardTerminal terminal, Duration waited, Exception cause) {
        return new CardInUseException("another program is using the card in reader '" + terminal.getName()
                + "' (waited " + waited.toMillis() + " ms); try again when it has finished", cause);
    }

}
