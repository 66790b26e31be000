package jp.mynacard.host.fake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * What every scripted AP fake shares: the {@link CardChannel} and {@link Card} plumbing, the
 * command log, card removal, and READ BINARY with short and extended lengths (spec §2).
 */
public abstract class FakeCard extends CardChannel {
    public final List<CommandAPDU> commands = new ArrayList<>();
    /** When false the card answers 6700 to extended-length READ BINARY, like a short-APDU-only reader. */
    public boolean extendedLength = true;
    /** Most bytes one extended READ BINARY returns (a card may return fewer than asked). */
    public int extendedChunk = 65536;
    /** When set, the next command fails as if the card were pulled out. */
    public boolean removed;
    public int disconnects;

    /** The response (data and SW) to one command. */
    protected abstract byte[] answer(CommandAPDU command);

    /** Commands with this INS received so far. */
    public long count(int ins) {
        return commands.stream().filter(c -> c.getINS() == ins).count();
    }

    @Override
    public final ResponseAPDU transmit(CommandAPDU command) {
        if (removed) {
            throw new IllegalStateException("card removed");
        }
        commands.add(command);
        return new ResponseAPDU(answer(command));
    }

    /** READ BINARY of {@code file} once the subclass has checked its read condition. */
    protected byte[] readBinary(CommandAPDU c, byte[] file) {
        boolean extended = c.getBytes().length > 5 || c.getNe() > 256;
        if (extended && !extendedLength) {
            return sw(0x6700);
        }
        int offset = (c.getP1() << 8) | c.getP2();
        if (offset >= file.length) {
            return sw(0x6B00);
        }
        int n = Math.min(file.length - offset, extended ? Math.min(c.getNe(), extendedChunk) : c.getNe());
        return withSw(Arrays.copyOfRange(file, offset, offset + n), 0x9000);
    }

    protected static int fid(CommandAPDU c) {
        return ((c.getData()[0] & 0xFF) << 8) | (c.getData()[1] & 0xFF);
    }

    protected static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    protected static byte[] withSw(byte[] data, int sw) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        return 0;
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) {
        throw new UnsupportedOperationException("the library only sends CommandAPDUs");
    }

    @Override
    public void close() {
        throw new IllegalStateException("the basic channel cannot be closed");
    }

    /** The card as a {@link javax.smartcardio.CardTerminal} would hand it out. */
    public final Card card = new Card() {
        @Override
        public ATR getATR() {
            return new ATR(new byte[] {0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14});
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            return FakeCard.this;
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
            disconnects++;
        }
    };
}
