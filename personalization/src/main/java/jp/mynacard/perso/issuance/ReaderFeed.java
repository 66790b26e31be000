package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardIoException;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.perso.channel.PersonalizationStatus;
import jp.mynacard.perso.channel.SecureChannel;
import jp.mynacard.perso.journal.BatchRecovery.VerifiedCards;

/**
 * Blanks from a PC/SC reader with a card feeder (a personalization machine, or bin/vcard --blank
 * --feeder), one card at a time, judged by what the card says of itself (GET DATA serial and
 * personalization status of its three APs), not by which card came last:
 * <ul>
 *   <li>a card the journal has verified for a holder, its LOCKs stopped by a pull (partly locked or
 *       not at all): finished for that holder ({@link LockCompletion}), never wiped nor stopped on;</li>
 *   <li>blank: taken;</li>
 *   <li>unfinished (an earlier attempt stopped half-way: pulled out, a failed holder; nothing
 *       locked): taken, marked unfinished; the personalizers wipe it before issuing it;</li>
 *   <li>issued (every AP locked): never taken; it is reset, on which a feeder swaps it for a blank;</li>
 *   <li>spoiled (some APs locked, others not: it can be neither wiped nor issued): the run stops
 *       and names it, for the operator to take it out.</li>
 * </ul>
 */
public final class ReaderFeed implements BlankSource {
    /** The JPKI AP: on every blank, and where the card serial is read. */
    static final byte[] JPKI_AID = CardApplication.JPKI.aid();
    /** The applications a blank's state is read from: locked in all of them is issued. */
    private static final List<byte[]> APS = CardApplication.personalizedAtIssuanceAll().stream()
            .map(CardApplication::aid).toList();
    private static final long POLL_MILLIS = 200;

    private final String readerName;
    private final Duration patience;
    private final LockCompletion completion;

    public ReaderFeed(String readerName, Duration patience, LockCompletion completion) {
        this.readerName = readerName;
        this.patience = patience;
        this.completion = completion;
    }

    /** What a card in the reader is to the personalizer. */
    enum State { BLANK, UNFINISHED, ISSUED, SPOILED, UNREADABLE }

    @Override
    public BlankCard take() throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                CardTerminal terminal = PcscReaders.waitForCard(readerName, patience);
                Probe probe = probe(terminal);
                if ((probe.state() == State.SPOILED || probe.state() == State.UNFINISHED) && completion.awaited(probe.serial())) {
                    finish(terminal, probe.serial());
                    continue; // locked now and reset: the feeder swaps it for the next card
                }
                if (probe.state() == State.BLANK || probe.state() == State.UNFINISHED) {
                    return new BlankCard(probe.serial(), terminal, probe.state() == State.UNFINISHED);
                }
                if (probe.state() == State.SPOILED) {
                    throw new IOException("card " + probe.serial() + " in reader '" + readerName + "' is partly locked: it can be"
                            + " neither wiped nor issued; take it out of the feeder and run the batch again");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no blank card in reader '" + readerName + "' within " + patience.toSeconds() + " s");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a blank card", e);
        }
    }

    /** LOCKs the rest of a verified card; pulled again, it is probed again when back. */
    private void finish(CardTerminal terminal, String serial) throws IOException {
        try {
            completion.complete(terminal, serial);
        } catch (CardException | CardIoException | CardRemovedException e) {
            // out of the reader again: the next probe finds it where the pull left it
        } catch (RuntimeException e) {
            throw new IOException("card " + serial + " in reader '" + readerName + "' was verified for its holder but finishing its"
                    + " LOCKs failed (" + e.getMessage() + "): take it out of the feeder and run the batch again", e);
        }
    }

    private record Probe(String serial, State state) {
    }

    /** Serial and state of the card; an issued card is reset on leaving, for the feeder to take it out. */
    private static Probe probe(CardTerminal terminal) {
        try {
            Card card = terminal.connect("*");
            boolean reset = false;
            try {
                ApduChannel channel = ApduChannel.over(card.getBasicChannel());
                String serial = null;
                int locked = 0;
                boolean written = false;
                for (byte[] aid : APS) {
                    if (channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, aid)).getSW() != 0x9000) {
                        return new Probe(serial, State.UNREADABLE);
                    }
                    if (serial == null) {
                        serial = new String(SecureChannel.readSerial(channel), StandardCharsets.US_ASCII);
                    }
                    PersonalizationStatus status = SecureChannel.readStatus(channel);
                    locked += status.isLocked() ? 1 : 0;
                    written |= status.isUnfinished();
                }
                State state = locked == APS.size() ? State.ISSUED : locked > 0 ? State.SPOILED
                        : written ? State.UNFINISHED : State.BLANK;
                reset = state == State.ISSUED;
                return new Probe(serial, state);
            } finally {
                card.disconnect(reset);
            }
        } catch (CardException | RuntimeException e) {
            return new Probe(null, State.UNREADABLE); // pulled while probed, or not a card of ours
        }
    }

    @Override
    public void release(BlankCard card, boolean issued) {
        // nothing to remember: the next take() asks the card itself
    }

    @Override
    public VerifiedCards verifiedCards() {
        return VerifiedCards.COME_BACK;
    }

    @Override
    public int parallelism() {
        return 1;
    }
}
