package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The tag and definite length that open a DER element. Written by hand because the CRL's outer
 * elements are too large to build as objects: only their lengths are known, not their contents.
 */
final class DerHeader {
    static final int SEQUENCE = 0x30;
    static final int BIT_STRING = 0x03;

    private DerHeader() {
    }

    /** Bytes taken by the tag and the length of an element with {@code contentLength} content bytes. */
    static int size(long contentLength) {
        return 1 + lengthOctets(contentLength);
    }

    static void write(OutputStream out, int tag, long contentLength) throws IOException {
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
