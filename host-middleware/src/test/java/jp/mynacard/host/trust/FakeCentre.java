package jp.mynacard.host.trust;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bouncycastle.cert.ocsp.OCSPReq;

/**
 * A small revocation server over real HTTP for the validator's tests: OCSP at /ocsp answered by a
 * function the test sets, CRLs at /crl/NAME from bytes the test puts, every request counted by path.
 */
final class FakeCentre implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> crls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Function<OCSPReq, byte[]> ocsp = r -> {
        throw new IllegalStateException("no OCSP answer set");
    };

    FakeCentre() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void ocsp(Function<OCSPReq, byte[]> answer) {
        this.ocsp = answer;
    }

    /** Serves {@code der} at /crl/NAME from now on; null: answer 404 there. */
    void crl(String name, byte[] der) {
        if (der == null) {
            crls.remove("/crl/" + name);
        } else {
            crls.put("/crl/" + name, der);
        }
    }

    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] body;
        if (path.equals("/ocsp") && exchange.getRequestMethod().equals("POST")) {
            body = ocsp.apply(new OCSPReq(exchange.getRequestBody().readAllBytes()));
        } else {
            body = crls.get(path);
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
