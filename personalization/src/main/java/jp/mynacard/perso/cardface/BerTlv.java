package jp.mynacard.perso.cardface;

import java.io.ByteArrayOutputStream;

/**
 * BER-TLV as the card-face EFs use it (spec §4): one- or two-byte tags, definite lengths in
 * short form or {@code 81 xx} / {@code 82 xx xx}.
 */
final class BerTlv {
    static final int MAX_LENGTH = 0xFFFF;

    private BerTlv() {
    }

    static byte[] encode(int tag, byte[] value) {
        if (value.length > MAX_LENGTH) {
            throw new IllegalArgumentException(String.format("TLV %X of %d bytes is longer than a card EF can hold", tag, value.length));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 5);
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        writeLength(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
