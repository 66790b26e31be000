package jp.mynacard.host.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final HttpClient client;

    RevocationHttp(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "revocation-http");
            t.setDaemon(true); // never keeps a kiosk's JVM alive
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    byte[] get(URI url, long maxBytes) throws IOException {
        return send(HttpRequest.newBuilder(url).GET(), url, maxBytes);
    }

    byte[] post(URI url, String contentType, byte[] body, String accept, long maxBytes) throws IOException {
        return send(HttpRequest.newBuilder(url).header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), url, maxBytes);
    }

    private byte[] send(HttpRequest.Builder request, URI url, long maxBytes) throws IOException {
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<byte[]> answer = client.sendAsync(request.timeout(readTimeout).build(),
                        HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(r -> {
                    body.set(r.body());
                    return read(r, url, maxBytes);
                }, executor);
        try {
            return answer.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            closeQuietly(body.get()); // unblocks the reading thread
            throw new IOException(url + ": no complete answer within " + seconds(connectTimeout.plus(readTimeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private static byte[] read(HttpResponse<InputStream> r, URI url, long maxBytes) {
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new UncheckedHttpException(url + ": HTTP " + r.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new UncheckedHttpException(url + ": answer larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedHttpException(url + ": " + describe(e));
        }
    }

    private IOException failure(URI url, Throwable cause) {
        if (cause instanceof UncheckedHttpException u) {
            return new IOException(u.getMessage());
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new IOException(url + ": no connection within " + seconds(connectTimeout));
        }
        if (cause instanceof HttpTimeoutException) {
            return new IOException(url + ": no answer within " + seconds(readTimeout));
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
