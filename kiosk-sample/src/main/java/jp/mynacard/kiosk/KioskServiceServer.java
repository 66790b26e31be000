package jp.mynacard.kiosk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jp.mynacard.host.kiosk.ServiceBusyException;

/**
 * The municipal service on HTTP (the JDK's server, as the centre's):
 * <pre>
 * POST /challenges                → 201 {"id","service","nonce","expiresAt"}
 * POST /residence-certificates    {"challenge","certificate","signature"}
 *                                 → 200 application/pdf (header Document-Number), or 403 {"reason","ja","en"}
 * POST /seal-certificates         the same body, header Seal-Registration-Number (read from the card's
 *                                 free area) → the 印鑑登録証明書 likewise; 400 without the header
 * </pre>
 */
public final class KioskServiceServer implements AutoCloseable {
    static final String CHALLENGES = "/challenges";
    static final String CERTIFICATES = "/residence-certificates";
    static final String SEAL_CERTIFICATES = "/seal-certificates";
    static final String DOCUMENT_NUMBER = "Document-Number";
    static final String SEAL_REGISTRATION_NUMBER = "Seal-Registration-Number";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;

    private KioskServiceServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static KioskServiceServer start(InetSocketAddress address, MunicipalService service) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext(CHALLENGES, exchange -> handle(exchange, () -> {
            try {
                send(exchange, 201, "application/json", service.challenge().toJson());
            } catch (ServiceBusyException e) {
                send(exchange, 503, "application/json", ServiceRefusal.busy().toJson());
            }
        }));
        server.createContext(CERTIFICATES, exchange -> handle(exchange, () -> {
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, 413, "text/plain", "request too large");
                return;
            }
            answer(exchange, service.residenceCertificate(new String(body, StandardCharsets.UTF_8)));
        }));
        server.createContext(SEAL_CERTIFICATES, exchange -> handle(exchange, () -> {
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, 413, "text/plain", "request too large");
                return;
            }
            String registration = exchange.getRequestHeaders().getFirst(SEAL_REGISTRATION_NUMBER);
            if (registration == null || registration.isBlank()) {
                send(exchange, 400, "text/plain", "the " + SEAL_REGISTRATION_NUMBER + " header is needed");
                return;
            }
            answer(exchange, service.sealCertificate(new String(body, StandardCharsets.UTF_8), registration.strip()));
        }));
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "kiosk-service-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.start();
        return new KioskServiceServer(server, workers);
    }

    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private static void answer(HttpExchange exchange, MunicipalService.Issuance issuance) throws IOException {
        if (issuance.pdf().isPresent()) {
            exchange.getResponseHeaders().set(DOCUMENT_NUMBER, issuance.documentNumber().orElseThrow());
            send(exchange, 200, "application/pdf", issuance.pdf().get());
        } else {
            send(exchange, 403, "application/json", issuance.refusal().orElseThrow().toJson());
        }
    }

    private interface Handler {
        void run() throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "use POST");
                return;
            }
            handler.run();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(KioskServiceServer.class.getName()).log(java.util.logging.Level.WARNING,
                    "request failed", e);
            send(exchange, 500, "text/plain", "the service failed: " + e.getMessage());
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
