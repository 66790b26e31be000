package jp.mynacard.jlis.http;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A request body as it arrives, kept up to the endpoint's limit: a client cannot make the centre
 * buffer more than that. Beyond the limit the bytes are counted and thrown away, so that a client
 * still sending gets its answer (a 413 when the endpoint reads the body) rather than a reset
 * connection; beyond {@link #DISCARD_LIMIT} more the connection is closed after the answer.
 * Filled on the connection's event loop, then read by the endpoint on a worker.
 */
final class RequestBody {
    /** Bytes of an oversized body still read and thrown away. */
    static final long DISCARD_LIMIT = 1 << 20;

    private final int limit;
    private boolean tooLarge;
    private byte[] kept;
    private long received;

    /** @param declaredLength the Content-Length, or -1 when not declared (chunked) */
    RequestBody(int limit, long declaredLength) {
        this.limit = limit;
        this.tooLarge = declaredLength > limit;
        this.kept = new byte[tooLarge ? 0 : (int) Math.max(declaredLength, 0)];
    }

    /** Whether the body is already more than the endpoint takes (or was declared so). */
    boolean tooLarge() {
        return tooLarge;
    }

    void add(ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (!tooLarge && received + length <= limit) {
            int size = (int) received;
            if (size + length > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(limit, Math.max(size + length, kept.length * 2)));
            }
            chunk.readBytes(kept, size, length);
        } else {
            tooLarge = true;
            kept = null; // what came before goes too: the endpoint will see only "too large"
        }
        received += length;
    }

    /** More arrived than the limit and the discard allowance together: stop reading this connection. */
    boolean beyondDiscardLimit() {
        return received > limit + DISCARD_LIMIT;
    }

    /** @throws HttpProblem 413 when the body was longer than the limit */
    byte[] bytes() {
        if (tooLarge) {
            throw new HttpProblem(413, "request body larger than " + limit + " bytes");
        }
        return kept.length == received ? kept : Arrays.copyOf(kept, (int) received);
    }
}
