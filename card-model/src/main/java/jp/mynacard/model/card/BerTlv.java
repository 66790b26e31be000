package jp.mynacard.model.card;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One BER-TLV element of a card EF, as the spec's files use them: one- or two-byte tags
 * ({@code 30}, {@code FF 20}, {@code DF 22}) and definite lengths up to {@code 82 xx xx}; the
 * host reads them with {@link #parse}, the bureau writes them with {@link #encode}.
 * Parsing is strict and bounds-checked: anything else is a {@link MalformedCardDataException}
 * naming {@code what}, never an index exception.
 */
public final class BerTlv {
    private final int tag;
    private final byte[] source;
    private final int start;
    private final int valueStart;
    private final int end;

    private BerTlv(int tag, byte[] source, int start, int valueStart, int end) {
        this.tag = tag;
        this.source = source;
        this.start = start;
        this.valueStart = valueStart;
        this.end = end;
    }

    /** {@code data} must be exactly one element with {@code expectedTag}, nothing after it. */
    public static BerTlv parseWhole(byte[] data, int expectedTag, String what) {
        BerTlv tlv = parse(data, 0, data.length, what);
        tlv.requireTag(expectedTag, what);
        if (tlv.end != data.length) {
            throw new MalformedCardDataException(what + ": " + (data.length - tlv.end) + " bytes after the "
                    + hexTag(expectedTag) + " element");
        }
        return tlv;
    }

    /** The element starting at {@code offset}, which must end by {@code limit}. */
    public static BerTlv parse(byte[] data, int offset, int limit, String what) {
        int[] header = header(data, offset, limit, what);
        if (header == null) {
            throw new MalformedCardDataException(what + ": truncated TLV header at offset " + offset);
        }
        int valueStart = header[1];
        if (header[2] > limit - valueStart) {
            throw new MalformedCardDataException(what + ": element " + hexTag(header[0]) + " at offset " + offset
                    + " claims " + header[2] + " bytes, only " + (limit - valueStart) + " left");
        }
        return new BerTlv(header[0], data, offset, valueStart, valueStart + header[2]);
    }

    /**
     * Total size (header and value) of the element at the start of {@code data[0..available)}, or
     * -1 when its header is not all there yet. For readers sizing an EF from its first bytes.
     */
    public static int totalLength(byte[] data, int available, String what) {
        int[] header = header(data, 0, available, what);
        return header == null ? -1 : header[1] + header[2];
    }

    /** The tag at the start of {@code data}, whose header is known to be complete, must be {@code expected}. */
    public static void requireTagAt(byte[] data, int expected, String what) {
        int tag = data[0] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            tag = (tag << 8) | (data[1] & 0xFF);
        }
        if (tag != expected) {
            throw new MalformedCardDataException(what + ": expected tag " + hexTag(expected) + ", found " + hexTag(tag));
        }
    }

    /** The elements that make up this one's value, in order; they must fill it exactly. */
    public List<BerTlv> children(String what) {
        List<BerTlv> children = new ArrayList<>();
        for (int at = valueStart; at < end; ) {
            BerTlv child = parse(source, at, end, what);
            children.add(child);
            at = child.end;
        }
        return children;
    }

    public BerTlv requireTag(int expected, String what) {
        if (tag != expected) {
            throw new MalformedCardDataException(what + ": expected tag " + hexTag(expected) + ", found " + hexTag(tag));
        }
        return this;
    }

    public BerTlv requireLength(int expected, String what) {
        if (valueLength() != expected) {
            throw new MalformedCardDataException(what + ": " + hexTag(tag) + " holds " + valueLength()
                    + " bytes, expected " + expected);
        }
        return this;
    }

    public int tag() {
        return tag;
    }

    public int valueLength() {
        return end - valueStart;
    }

    public byte[] value() {
        return Arrays.copyOfRange(source, valueStart, end);
    }

    /** The whole element as stored: tag, length and value. */
    public byte[] encoded() {
        return Arrays.copyOfRange(source, start, end);
    }

    /** Where this element starts, counted from the start of {@code parent}'s value. */
    public int offsetIn(BerTlv parent) {
        return start - parent.valueStart;
    }

    public static String hexTag(int tag) {
        return tag > 0xFF ? String.format("%02X %02X", tag >> 8, tag & 0xFF) : String.format("%02X", tag);
    }

    /** {tag, value offset, value length}, or null when the header runs past {@code limit}. */
    /** The longest value a card EF's element holds: the {@code 82 xx xx} length form. */
    public static final int MAX_LENGTH = 0xFFFF;

    /** One element: the tag's one or two bytes, the shortest definite length, the value. */
    public static byte[] encode(int tag, byte[] value) {
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

    /** A definite length in short form or {@code 81 xx} / {@code 82 xx xx}. */
    public static void writeLength(ByteArrayOutputStream out, int length) {
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

    /** The elements one after the other, as an EF or a constructed value holds them. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int[] header(byte[] data, int offset, int limit, String what) {
        int at = offset;
        if (at >= limit) {
            return null;
        }
        int tag = data[at++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) { // high tag number: one more byte
            if (at >= limit) {
                return null;
            }
            int second = data[at++] & 0xFF;
            if ((second & 0x80) != 0) {
                throw new MalformedCardDataException(what + ": tags longer than two bytes are not used on this card");
            }
            tag = (tag << 8) | second;
        }
        if (at >= limit) {
            return null;
        }
        int first = data[at++] & 0xFF;
        if (first < 0x80) {
            return new int[] {tag, at, first};
        }
        int count = first & 0x7F;
        if (count == 0 || count > 2) {
            throw new MalformedCardDataException(what + ": unsupported length form " + String.format("%02X", first)
                    + " after tag " + hexTag(tag));
        }
        if (limit - at < count) {
            return null;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (data[at++] & 0xFF);
        }
        return new int[] {tag, at, length};
    }
}
