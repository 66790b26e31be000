package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.card.CardPersonalizer;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.SecureChannel;
import jp.mynacard.perso.journal.BatchJournal.Progress;

/**
 * Rolls forward a card whose LOCKs a pull interrupted: when the journal has an application
 * {@code verified} on that card (written and read back, the last application started on it, not
 * issued since), the APs still unlocked are LOCKed and the application is issued on that card, its
 * certificates left good. Any other card in that state is not ours to finish: the caller stops on it
 * (partly locked) or wipes it (nothing locked) as before.
 */
public final class LockCompletion {
    private final IssuerMasterKey master;
    private final BatchRecords records;

    public LockCompletion(IssuerMasterKey master, BatchRecords records) {
        this.master = master;
        this.records = records;
    }

    /** Whether the journal has a verified application waiting for this card's LOCKs. */
    boolean awaited(String cardSerial) {
        return cardSerial != null && records.awaitingLock(cardSerial).isPresent();
    }

    /**
     * Finishes the card in the reader if it is the awaited one; a finished card is reset on leaving,
     * for a feeder to take it out. A card error (pulled again) is thrown, the card left as it was.
     */
    boolean complete(CardTerminal terminal, String cardSerial) throws CardException, IOException {
        Card card = terminal.connect("*");
        boolean completed = false;
        try {
            completed = complete(ApduChannel.over(card.getBasicChannel()), cardSerial);
            return completed;
        } finally {
            card.disconnect(completed);
        }
    }

    /** The same over any channel: false, with nothing sent but the serial's GET DATA, unless the journal awaits this card. */
    boolean complete(ApduChannel channel, String cardSerial) throws IOException {
        Optional<Progress> owner = records.awaitingLock(cardSerial);
        if (owner.isEmpty() || !cardSerial.equals(serialOf(channel))) {
            return false; // not ours to finish, or another card went in since it was probed
        }
        List<String> lockedNow = new CardPersonalizer(channel, master).lockUnlocked();
        records.lockCompleted(owner.get(), lockedNow);
        return true;
    }

    private static String serialOf(ApduChannel channel) {
        if (channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, ReaderFeed.JPKI_AID)).getSW() != 0x9000) {
            return null;
        }
        return new String(SecureChannel.readSerial(channel), StandardCharsets.US_ASCII);
    }
}
