package jp.mynacard.perso.batch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, decoded one physical line at a time, so that a byte that is not UTF-8 (a file
 * saved as Shift_JIS, say) is reported with the exact line it is on; a stream decoder reads
 * ahead and could only say roughly where.
 */
final class Utf8Lines extends Reader {
    /** A longer line is no batch row: refusing it bounds memory on a file that is not a batch. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] lineBytes = new byte[MAX_LINE_BYTES];
    private CharBuffer line = CharBuffer.allocate(0);
    private int lineNumber;

    Utf8Lines(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (!line.hasRemaining() && !nextLine()) {
            return -1;
        }
        int n = Math.min(length, line.remaining());
        line.get(buffer, offset, n);
        return n;
    }

    private boolean nextLine() throws IOException {
        int size = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (size == MAX_LINE_BYTES) {
                throw new BatchFormatException("line " + (lineNumber + 1) + ": longer than " + MAX_LINE_BYTES + " bytes");
            }
            lineBytes[size++] = (byte) b;
            if (b == '\n') {
                break;
            }
        }
        if (size == 0) {
            return false;
        }
        lineNumber++;
        try {
            line = decoder.reset().decode(ByteBuffer.wrap(lineBytes, 0, size));
        } catch (CharacterCodingException e) {
            throw new BatchFormatException("line " + lineNumber + ": not UTF-8 text (save the file as UTF-8)", e);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
