package jp.mynacard.host.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP for revocation data, bounded in time and size: a responder that is down, slow or drips its
 * answer costs at most the connect timeout plus the read timeout (from the request sent to the last
 * byte received), and a body beyond the limit is refused, so a kiosk never hangs on the centre.
 * Failures are IOExceptions whose message says what happened, for the validation result.
 */
final class RevocationHttp {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ExecutorService executor;

    RevocationHttp(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "revocation-http");
            t.setDaemon(true); // never keeps a kiosk's JVM alive
            return t;
        });
    }

    byte[] get(URI url, long maxBytes) throws IOException {
        return send(url, null, null, null, maxBytes);
    }

    byte[] post(URI url, String contentType, byte[] body, String accept, long maxBytes) throws IOException {
        return send(url, contentType, body, accept, maxBytes);
    }

    /**
     * HttpURLConnection rather than java.net.http: its blocking exchange on the caller's pool thread
     * keeps kept-alive connections per thread, where HttpClient funnels every exchange through one
     * selector thread (a third of the throughput under 16 concurrent validations, measured). The
     * body is buffered, not streamed, so that headers and body leave in one TCP segment: streamed,
     * the body waited for the server's ACK of the headers (Nagle), about 1 ms per OCSP request.
     * The whole exchange is bounded from here: on time-out the connection is closed under it.
     */
    private byte[] send(URI url, String contentType, byte[] body, String accept, long maxBytes) throws IOException {
        AtomicReference<HttpURLConnection> open = new AtomicReference<>();
        Future<byte[]> answer = executor.submit(() -> exchange(url, contentType, body, accept, maxBytes, open));
        try {
            return answer.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            HttpURLConnection connection = open.get();
            if (connection != null) {
                connection.disconnect(); // unblocks the reading thread
            }
            throw new IOException(url + ": no complete answer within " + seconds(connectTimeout.plus(readTimeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private byte[] exchange(URI url, String contentType, byte[] body, String accept, long maxBytes,
            AtomicReference<HttpURLConnection> open) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        open.set(connection);
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        if (body != null) {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", contentType);
            connection.setRequestProperty("Accept", accept);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            closeQuietly(connection.getErrorStream());
            throw new UncheckedHttpException(url + ": HTTP " + status);
        }
        try (InputStream in = connection.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                connection.disconnect(); // the rest is not wanted, nor is the connection
                throw new UncheckedHttpException(url + ": answer larger than " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    private IOException failure(URI url, Throwable cause) {
        if (cause instanceof UncheckedHttpException u) {
            return new IOException(u.getMessage());
        }
        if (cause instanceof SocketTimeoutException timeout) {
            return new IOException(url + (String.valueOf(timeout.getMessage()).contains("connect")
                    ? ": no connection within " + seconds(connectTimeout) : ": no answer within " + seconds(readTimeout)));
        }
        return new IOException(url + ": " + describe(cause), cause);
    }

    private static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused (is the centre down?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing; the timeout is the news
            }
        }
    }

    /** Carries a ready-made message out of the reading stage. */
    private static final class UncheckedHttpException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedHttpException(String message) {
            super(message, null, false, false);
        }
    }
}
