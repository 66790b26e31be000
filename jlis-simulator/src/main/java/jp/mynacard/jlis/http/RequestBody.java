package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;

/** Reads a request body up to a limit: a client cannot make the centre buffer more than that. */
final class RequestBody {
    private RequestBody() {
    }

    /** @throws HttpProblem 413 when the body is longer than {@code limit} bytes */
    static byte[] read(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw new HttpProblem(413, "request body larger than " + limit + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "Content-Length is not a number");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (body.size() + n > limit) {
                    throw new HttpProblem(413, "request body larger than " + limit + " bytes");
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }
}
