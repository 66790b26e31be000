package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit: a client cannot make the centre buffer more than that. */
final class RequestBody {
    private RequestBody() {
    }

    /**
     * Bytes of an oversized body still read and thrown away, so that a client still sending
     * gets the 413 rather than a reset connection; beyond this the connection is simply closed.
     */
    static final long DISCARD_LIMIT = 1 << 20;

    /** @throws HttpProblem 413 when the body is longer than {@code limit} bytes */
    static byte[] read(HttpExchange exchange, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (body.size() + n > limit) {
                    discard(in, buffer);
                    throw new HttpProblem(413, "request body larger than " + limit + " bytes");
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }

    private static void discard(InputStream in, byte[] buffer) throws IOException {
        long discarded = 0;
        for (int n; discarded < DISCARD_LIMIT && (n = in.read(buffer)) != -1; ) {
            discarded += n;
        }
    }
}
