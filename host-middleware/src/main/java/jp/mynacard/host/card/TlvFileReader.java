package jp.mynacard.host.card;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.model.card.BerTlv;

/**
 * Reads the currently selected EF, which holds one BER-TLV element (a DER certificate, an
 * {@code FF 20} attribute block...): one extended-length READ BINARY when the reader and card
 * allow it (a 2 KB certificate in one APDU), else short reads sized from the TLV header, as
 * OpenSC does. Bytes after the element (padding) are dropped.
 */
public final class TlvFileReader {
    private static final int SHORT_READ_MAX = 256;
    private static final int EXTENDED_NE = 65536;
    private static final int MAX_OFFSET = 0x7FFF;

    private final ApduChannel channel;
    private final String what;

    public TlvFileReader(ApduChannel channel, String what) {
        this.channel = channel;
        this.what = what;
    }

    /** The element's bytes; its first tag must be {@code expectedTag}. */
    public byte[] read(int expectedTag) {
        ResponseAPDU first = channel.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, EXTENDED_NE));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        // 6700: the card or reader refuses extended length; start over with short reads
        if (first.getSW() != StatusWords.SW_WRONG_LENGTH) {
            data.writeBytes(CardResponses.requireSuccess(first, "READ BINARY of " + what).getData());
        }
        int total = total(data, expectedTag);
        while (total < 0 || data.size() < total) {
            int want = total < 0 ? SHORT_READ_MAX : Math.min(SHORT_READ_MAX, total - data.size());
            data.writeBytes(readShort(data.size(), want));
            total = total(data, expectedTag);
        }
        return Arrays.copyOf(data.toByteArray(), total);
    }

    /** The element's size once its header is in, checking its tag first: a foreign EF is not read to the end. */
    private int total(ByteArrayOutputStream data, int expectedTag) {
        byte[] bytes = data.toByteArray();
        int total = BerTlv.totalLength(bytes, bytes.length, what);
        if (total >= 0) {
            BerTlv.requireTagAt(bytes, expectedTag, what);
        }
        return total;
    }

    private byte[] readShort(int offset, int want) {
        if (offset > MAX_OFFSET) {
            throw new CardCommandException("READ BINARY of " + what + " beyond offset 7FFF", StatusWords.SW_WRONG_P1P2);
        }
        String command = String.format("READ BINARY of %s at offset %d", what, offset);
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, want));
        byte[] chunk = CardResponses.requireSuccess(response, command).getData();
        if (chunk.length == 0) {
            // the EF ends before its TLV header says it should: looping would never finish
            throw new CardCommandException(command + " returned no data before the end of the " + what, response.getSW());
        }
        return chunk;
    }
}
