package jp.mynacard.host.card;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The bottom of the stack: a javax.smartcardio channel, its transport failures made typed. */
public final class CardChannelTransport implements ApduTransport {
    private final CardChannel channel;
    private final CardTerminal terminal; // null: a channel someone else connected

    public CardChannelTransport(CardChannel channel, CardTerminal terminal) {
        this.channel = channel;
        this.terminal = terminal;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        try {
            return channel.transmit(command);
        } catch (CardException | IllegalStateException | IllegalArgumentException e) {
            // IllegalArgumentException: pcsc-lite answers a command cut off by a pulled card with
            // fewer than the two SW bytes, and jnasmartcardio fails on that while unpacking it
            throw PcscFailure.translate(terminal, "sending " + LoggingTransport.header(command), e);
        }
    }
}
