package jp.mynacard.host.jpki;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;

/**
 * Reads the DER certificate in the currently selected EF: one extended-length READ BINARY
 * when the reader and card allow it (a 2 KB certificate in one APDU), else short reads sized
 * from the DER header, as OpenSC does.
 */
final class CertificateFileReader {
    private static final int SHORT_READ_MAX = 256;
    private static final int EXTENDED_NE = 65536;
    private static final int MAX_OFFSET = 0x7FFF;

    private final ApduChannel channel;
    private final String what;

    CertificateFileReader(ApduChannel channel, String what) {
        this.channel = channel;
        this.what = what;
    }

    byte[] read() {
        ResponseAPDU first = channel.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, EXTENDED_NE));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        // 6700: the card or reader refuses extended length; start over with short reads
        if (first.getSW() != StatusWords.SW_WRONG_LENGTH) {
            data.writeBytes(CardResponses.requireSuccess(first, "READ BINARY of " + what).getData());
        }
        int total = data.size() >= 4 ? derLength(data.toByteArray()) : -1;
        while (total < 0 || data.size() < total) {
            int want = total < 0 ? SHORT_READ_MAX : Math.min(SHORT_READ_MAX, total - data.size());
            byte[] chunk = readShort(data.size(), want);
            data.writeBytes(chunk);
            if (total < 0 && data.size() >= 4) {
                total = derLength(data.toByteArray());
            }
        }
        return Arrays.copyOf(data.toByteArray(), total);
    }

    private byte[] readShort(int offset, int want) {
        if (offset > MAX_OFFSET) {
            throw new CardCommandException("READ BINARY of " + what + " beyond offset 7FFF", StatusWords.SW_WRONG_P1P2);
        }
        String command = String.format("READ BINARY of %s at offset %d", what, offset);
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xB0, offset >> 8, offset & 0xFF, want));
        byte[] chunk = CardResponses.requireSuccess(response, command).getData();
        if (chunk.length == 0) {
            // the EF ends before its DER header says it should: looping would never finish
            throw new CardCommandException(command + " returned no data before the end of the certificate", response.getSW());
        }
        return chunk;
    }

    /** Total size of the DER element starting at {@code der[0]}: header plus content. */
    static int derLength(byte[] der) {
        if ((der[0] & 0xFF) != 0x30) {
            throw new CardCommandException("the certificate EF does not start with a DER SEQUENCE", StatusWords.SW_NO_ERROR);
        }
        int first = der[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 2) {
            throw new CardCommandException("the certificate EF has an unsupported DER length form", StatusWords.SW_NO_ERROR);
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[2 + i] & 0xFF);
        }
        return 2 + count + length;
    }
}
