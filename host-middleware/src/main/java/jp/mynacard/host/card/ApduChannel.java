package jp.mynacard.host.card;

import jp.mynacard.model.card.PinCommands;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HexFormat;
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
 * <p>It turns transport failures into typed exceptions, follows 61xx/6Cxx as ISO 7816-4 says
 * (jcardsim's channel does not), and logs APDUs at DEBUG with the data of every command that
 * can carry a secret (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER) left out.
 *
 * <p>{@link #openExclusive} holds the card for one session against every other PC/SC client;
 * see docs/pcsc-sessions.md.
 */
public final class ApduChannel implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ApduChannel.class.getName());
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final long REMOVAL_NOTICE_MILLIS = 1500;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
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
    private final CardChannel channel;
    private final boolean resetOnClose;
    private int commandCount;
    private long bytesSent;
    private long bytesReceived;

    private ApduChannel(CardTerminal terminal, Card card, CardChannel channel) {
        this(terminal, card, channel, false);
    }

    private ApduChannel(CardTerminal terminal, Card card, CardChannel channel, boolean resetOnClose) {
        this.terminal = terminal;
        this.card = card;
        this.channel = channel;
        this.resetOnClose = resetOnClose;
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
            throw translate(terminal, "connecting to " + terminal.getName(), e);
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
            throw translate(terminal, "connecting to " + terminal.getName(), e);
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

    /** Sends one command, following 61xx with GET RESPONSE and 6Cxx with the corrected Le. */
    public ResponseAPDU transmit(CommandAPDU command) {
        ResponseAPDU response = exchange(command);
        if (response.getSW1() == 0x6C) {
            response = exchange(withLe(command, response.getSW2() == 0 ? 256 : response.getSW2()));
        }
        if (response.getSW1() != 0x61) {
            return response;
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.writeBytes(response.getData());
        while (response.getSW1() == 0x61) {
            int le = response.getSW2() == 0 ? 256 : response.getSW2();
            response = exchange(new CommandAPDU(command.getCLA() & 0x80, INS_GET_RESPONSE, 0, 0, le));
            data.writeBytes(response.getData());
        }
        data.write(response.getSW1());
        data.write(response.getSW2());
        return new ResponseAPDU(data.toByteArray());
    }

    /** Resets the card (cold reset where the stack allows it): the card's security state is gone afterwards. */
    public void reset() {
        if (card == null) {
            throw new IllegalStateException("this channel was opened by someone else, who owns the reset");
        }
        try {
            card.disconnect(true);
        } catch (CardException e) {
            throw translate(terminal, "resetting the card", e);
        }
    }

    /** Commands sent so far, and bytes on the wire each way (command APDUs, responses with SW). */
    public int commandCount() {
        return commandCount;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
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
            throw translate(terminal, what, e);
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
                MynaCardException failure = translate(terminal, what, cause);
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

    private ResponseAPDU exchange(CommandAPDU command) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "> " + redacted(command));
        }
        ResponseAPDU response;
        try {
            response = channel.transmit(command);
        } catch (CardException | IllegalStateException | IllegalArgumentException e) {
            // IllegalArgumentException: pcsc-lite answers a command cut off by a pulled card with
            // fewer than the two SW bytes, and jnasmartcardio fails on that while unpacking it
            throw translate(terminal, "sending " + header(command), e);
        }
        commandCount++;
        bytesSent += command.getBytes().length;
        bytesReceived += response.getBytes().length;
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "< " + HEX.formatHex(response.getData()) + " "
                    + String.format("%04X", response.getSW()));
        }
        return response;
    }

    static String redacted(CommandAPDU command) {
        if (PinCommands.carriesPin(command.getINS()) && command.getNc() > 0) {
            return header(command) + " [" + command.getNc() + " secret bytes not logged]";
        }
        return HEX.formatHex(command.getBytes());
    }

    private static String header(CommandAPDU command) {
        return String.format("%02X %02X %02X %02X", command.getCLA(), command.getINS(), command.getP1(), command.getP2());
    }

    private static CommandAPDU withLe(CommandAPDU command, int le) {
        return command.getNc() == 0
                ? new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), le)
                : new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), command.getData(), le);
    }

    private static MynaCardException translate(CardTerminal terminal, String what, Exception e) {
        String text = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
        if (text.contains("SHARING_VIOLATION")) {
            return new CardInUseException("another program holds the card in " + readerName(terminal)
                    + " exclusively, while " + what, e);
        }
        boolean removed = text.contains("REMOVED") || text.contains("NO_SMARTCARD") || text.contains("RESET")
                || text.contains("NOT_CONNECTED") || text.contains("not connected") || text.contains("disconnect")
                || e instanceof IllegalStateException || cardGone(terminal);
        if (removed) {
            return new CardRemovedException("card removed while " + what, e);
        }
        if (text.contains("NO_SERVICE") || text.contains("SERVICE_STOPPED") || text.contains("COMM_ERROR")) {
            // pcscd stopped or restarted under this connection: the card may still be in, the session is not
            return new CardIoException("the PC/SC service (pcscd) went away while " + what + ": " + text, e);
        }
        return new CardIoException("PC/SC failure while " + what + ": " + text, e);
    }

    private static String readerName(CardTerminal terminal) {
        return terminal == null ? "the reader" : "reader '" + terminal.getName() + "'";
    }

    /**
     * Readers report a pulled card under many codes (vpcd: SCARD_E_NOT_TRANSACTED), sometimes
     * before the reader's own state says so: after a failure, give it a moment to notice.
     */
    private static boolean cardGone(CardTerminal terminal) {
        try {
            return terminal != null && terminal.waitForCardAbsent(REMOVAL_NOTICE_MILLIS);
        } catch (CardException | RuntimeException e) {
            return false;
        }
    }
}
