package jp.mynacard.host.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Minimal streaming DER reader: single-byte tags, definite lengths, its own buffer over a raw
 * stream. Every read is bounds-checked against the enclosing element's end (absolute stream
 * position), so malformed input surfaces as {@link CrlFormatException}, never as an index error.
 *
 * <p>While "feeding", every consumed byte is also passed to a {@link Signature} (or kept pending
 * until the signature algorithm is known), so the TBSCertList is verified without being kept.
 */
final class DerInput {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** absolute stream position of buf[0] */
    private long base;

    private boolean feeding;
    private int feedFrom;
    private Signature sig;
    private ByteArrayOutputStream pending;

    DerInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    long position() {
        return base + pos;
    }

    private void fill() throws IOException, CrlFormatException {
        flushFeed(lim);
        base += lim;
        pos = 0;
        lim = 0;
        feedFrom = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            throw new CrlFormatException("truncated CRL: unexpected end of data at byte " + base);
        }
        lim = n;
    }

    /** true if the stream has no more bytes */
    boolean atEof() throws IOException, CrlFormatException {
        if (pos < lim) {
            return false;
        }
        flushFeed(lim);
        base += lim;
        pos = 0;
        lim = 0;
        feedFrom = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return true;
        }
        lim = n;
        return false;
    }

    int readByte() throws IOException, CrlFormatException {
        if (pos == lim) {
            fill();
        }
        return buf[pos++] & 0xff;
    }

    void readFully(byte[] dst, int off, int len) throws IOException, CrlFormatException {
        while (len > 0) {
            if (pos == lim) {
                fill();
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    void skip(long len) throws IOException, CrlFormatException {
        while (len > 0) {
            if (pos == lim) {
                fill();
            }
            int n = (int) Math.min(len, lim - pos);
            pos += n;
            len -= n;
        }
    }

    /**
     * Reads a tag and a definite length, checks the tag and that the value fits before
     * {@code parentEnd}; returns the value length.
     */
    long expect(int tag, long parentEnd, String what) throws IOException, CrlFormatException {
        if (position() >= parentEnd) {
            throw new CrlFormatException("missing " + what);
        }
        int t = readByte();
        if (t != tag) {
            throw new CrlFormatException(String.format("%s: expected tag 0x%02X, found 0x%02X at byte %d",
                    what, tag, t, position() - 1));
        }
        return readLength(parentEnd, what);
    }

    /** Peeks the next tag without consuming it, or -1 if at {@code end}. */
    int peekTag(long end) throws IOException, CrlFormatException {
        if (position() >= end) {
            return -1;
        }
        if (pos == lim) {
            fill();
        }
        return buf[pos] & 0xff;
    }

    long readLength(long parentEnd, String what) throws IOException, CrlFormatException {
        int b = readByte();
        long len;
        if (b < 0x80) {
            len = b;
        } else if (b == 0x80) {
            throw new CrlFormatException(what + ": indefinite length is not DER");
        } else {
            int n = b & 0x7f;
            if (n > 4) {
                throw new CrlFormatException(what + ": length of " + n + " bytes is not supported");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | readByte();
            }
        }
        if (position() + len > parentEnd) {
            throw new CrlFormatException(what + ": length " + len + " overruns its enclosing element at byte "
                    + position());
        }
        return len;
    }

    void expectEnd(long end, String what) throws CrlFormatException {
        if (position() != end) {
            throw new CrlFormatException(what + ": " + (end - position()) + " unexpected trailing bytes");
        }
    }

    byte[] readBytes(long len, String what) throws IOException, CrlFormatException {
        if (len > 1 << 20) {
            throw new CrlFormatException(what + ": implausibly long (" + len + " bytes)");
        }
        byte[] b = new byte[(int) len];
        readFully(b, 0, b.length);
        return b;
    }

    // ---- signature feeding

    void startFeed() {
        feeding = true;
        feedFrom = pos;
        pending = new ByteArrayOutputStream(256);
    }

    void setSignature(Signature s) throws SignatureException, IOException, CrlFormatException {
        flushFeed(pos);
        this.sig = s;
        byte[] p = pending.toByteArray();
        pending = null;
        s.update(p);
    }

    void stopFeed() throws IOException, CrlFormatException {
        flushFeed(pos);
        feeding = false;
    }

    private void flushFeed(int upTo) throws IOException, CrlFormatException {
        if (!feeding || upTo <= feedFrom) {
            feedFrom = upTo;
            return;
        }
        if (sig != null) {
            try {
                sig.update(buf, feedFrom, upTo - feedFrom);
            } catch (SignatureException e) {
                throw new IOException(e);
            }
        } else {
            pending.write(buf, feedFrom, upTo - feedFrom);
        }
        feedFrom = upTo;
    }
}
