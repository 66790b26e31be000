package jp.mynacard.perso.counter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * A forgotten or blocked PIN, reset at the counter once the clerk has confirmed the holder's
 * identity: SET PIN over the secure channel sets the new value and restores the try counter,
 * blocked or not. Nothing else on the card changes.
 */
public final class PinUnblock {
    private final ApduChannel channel;
    private final IssuerMasterKey master;

    public PinUnblock(ApduChannel channel, IssuerMasterKey master) {
        this.channel = channel;
        this.master = master;
    }

    /** Sets {@code newPin} (wiped afterwards, also on failure). */
    public void reset(CounterPin which, char[] newPin) {
        byte[] ascii = null;
        try {
            which.checkFormat(newPin);
            ascii = new String(newPin).getBytes(StandardCharsets.US_ASCII);
            PersonalizationSession.open(channel, master, which.aid(), which.application()).setPin(which.fid(), ascii);
        } finally {
            Arrays.fill(newPin, '\0');
            if (ascii != null) {
                Arrays.fill(ascii, (byte) 0);
            }
        }
    }
}
