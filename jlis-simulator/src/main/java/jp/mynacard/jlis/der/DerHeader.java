package jp.mynacard.jlis.der;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The tag and definite length that open a DER element. Written by hand where building the element
 * as an object would cost too much: a CRL's outer elements are too large to hold (only their
 * lengths are known), and an OCSP response wraps content already encoded once.
 */
public final class DerHeader {
    public static final int SEQUENCE = 0x30;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    /** [0] EXPLICIT, constructed. */
    public static final int CONTEXT_0 = 0xA0;

    private DerHeader() {
    }

    /** Bytes taken by the tag and the length of an element with {@code contentLength} content bytes. */
    public static int size(long contentLength) {
        return 1 + lengthOctets(contentLength);
    }

    public static void write(OutputStream out, int tag, long contentLength) throws IOException {
        out.write(tag);
        if (contentLength < 0x80) {
            out.write((int) contentLength);
            return;
        }
        int octets = lengthOctets(contentLength) - 1;
        out.write(0x80 | octets);
        for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8) {
            out.write((int) (contentLength >>> shift) & 0xff);
        }
    }

    /** The element {@code tag} whose content is {@code parts}, one after the other. */
    public static byte[] element(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size(length) + length);
        try {
            write(out, tag, length);
            for (byte[] part : parts) {
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private static int lengthOctets(long contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative DER length " + contentLength);
        }
        if (contentLength < 0x80) {
            return 1;
        }
        int octets = 0;
        for (long rest = contentLength; rest != 0; rest >>>= 8) {
            octets++;
        }
        return 1 + octets;
    }
}
