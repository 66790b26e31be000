package jp.mynacard.jlis.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP connection itself, over raw sockets, against the centre's server with an OCSP
 * responder that echoes its request (and can be held): what an event-loop server could get wrong
 * that the JDK's did not — order of pipelined answers, oversized heads, idle and slow clients,
 * keep-alive rules, bodies over the limit, 100-continue, large files.
 */
class CentreConnectionTest {
    private static final byte[] HOLD = "hold".getBytes(StandardCharsets.US_ASCII);
    private static final String OCSP_TYPE = "application/ocsp-request";

    @TempDir
    Path crls;
    private final List<CentreServer> servers = new ArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        servers.forEach(CentreServer::close);
    }

    /** Echoes the request; the request "hold" waits until the test releases it. */
    private byte[] respond(byte[] request) {
        if (Arrays.equals(request, HOLD)) {
            held.countDown();
            await(release);
        }
        return request;
    }

    private URI start(int threads, ConnectionSettings settings) throws IOException {
        CentreServer server = CentreServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                threads, this::respond, crls, null, "token", true, null, settings);
        servers.add(server);
        return server.uri();
    }

    private URI start(int threads) throws IOException {
        return start(threads, ConnectionSettings.DEFAULT);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderSent() throws Exception {
        byte[] crl = "a CRL, as far as the server knows".getBytes(StandardCharsets.US_ASCII);
        Files.write(crls.resolve("sign.crl"), crl);
        URI server = start(4);
        try (WireConnection connection = new WireConnection(server)) {
            connection.send(WireConnection.post("/ocsp", OCSP_TYPE, HOLD)
                    + WireConnection.get("/ocsp/" + urlBase64("two"))
                    + WireConnection.get("/crl/sign.crl")
                    + WireConnection.get("/nothing")
                    + "HEAD /crl/sign.crl HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + WireConnection.post("/ocsp", OCSP_TYPE, "six".getBytes(StandardCharsets.US_ASCII)));
            await(held); // the first is being answered, and the others have all arrived behind it
            release.countDown();
            assertEquals("hold", connection.read().text());
            assertEquals("two", connection.read().text());
            assertArrayEquals(crl, connection.read().body());
            WireConnection.Response notFound = connection.read();
            assertEquals(404, notFound.status());
            assertTrue(notFound.text().startsWith("nothing here"), notFound.text());
            WireConnection.Response head = connection.readHead();
            assertEquals(200, head.status());
            assertEquals(Integer.toString(crl.length), head.header("Content-Length"), "a HEAD says the length");
            assertEquals("application/pkix-crl", head.header("Content-Type"));
            assertEquals("six", connection.read().text(), "and sends no body: the next answer follows at once");
        }
    }

    @Test
    void anOversizedHeadIs431AndAnOverlongRequestLine414AndTheServerGoesOn() throws Exception {
        URI server = start(2);
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response response = connection.send("GET /ca/sign.pem HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Filler: " + "a".repeat(17_000) + "\r\n\r\n").read();
            assertEquals(431, response.status());
            assertTrue(response.text().contains("header fields are longer than 16384 bytes"), response.text());
            assertTrue(connection.closedByServer());
        }
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response response = connection.send("GET /ocsp/" + "A".repeat(17_500)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertEquals(414, response.status());
            assertTrue(response.text().contains("request line is longer than"), response.text());
            assertTrue(connection.closedByServer());
        }
        try (WireConnection connection = new WireConnection(server)) {
            String longest = "A".repeat(OcspEndpoint.MAX_ENCODED_LENGTH);
            WireConnection.Response response = connection.send(WireConnection.get("/ocsp/" + longest)).read();
            assertEquals(200, response.status(), "the longest GET the OCSP endpoint decodes still reaches it");
            assertEquals(OcspEndpoint.MAX_ENCODED_LENGTH / 4 * 3, response.body().length);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeoutWhileABusyOneGoesOn() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        URI server = start(2, ConnectionSettings.DEFAULT.withIdleTimeout(timeout));
        try (WireConnection idle = new WireConnection(server); WireConnection busy = new WireConnection(server)) {
            long opened = System.nanoTime();
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> closed(idle));
            int answered = 0;
            while (!closed.isDone()) {
                WireConnection.Response response = busy.send(ocspPost("busy")).read();
                assertEquals("busy", response.text());
                answered++;
            }
            assertTrue(closed.get(), "the idle connection was closed by the server");
            assertTrue(System.nanoTime() - opened >= timeout.toNanos() * 9 / 10, "not before its time");
            assertEquals("still here", busy.send(ocspPost("still here")).read().text(),
                    "the busy connection is open after " + answered + " answers");
        }
    }

    @Test
    void aRequestStillBeingAnsweredIsNotCutByTheIdleTimeout() throws Exception {
        URI server = start(2, ConnectionSettings.DEFAULT.withIdleTimeout(Duration.ofSeconds(1)));
        try (WireConnection waiting = new WireConnection(server)) {
            waiting.send(ocspPost("hold"));
            await(held);
            // two idle connections opened after the held request, closed one after the other: its
            // connection has been silent for more than two timeouts
            for (int i = 0; i < 2; i++) {
                try (WireConnection idle = new WireConnection(server)) {
                    assertTrue(idle.closedByServer());
                }
            }
            release.countDown();
            assertEquals("hold", waiting.read().text());
            assertEquals("after", waiting.send(ocspPost("after")).read().text());
        }
    }

    @Test
    void aClientSendingItsBodySlowlyOrVanishingHoldsUpNoOneEvenWithOneWorker() throws Exception {
        URI server = start(1);
        try (WireConnection slow = new WireConnection(server)) {
            slow.send("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + OCSP_TYPE
                    + "\r\nContent-Length: 10\r\n\r\nfirst");
            new WireConnection(server).send("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nhalf")
                    .vanish();
            new WireConnection(server).send(ocspPost("hold")).vanish(); // gone while its answer is being made
            await(held);
            release.countDown();
            for (int i = 0; i < 3; i++) {
                try (WireConnection other = new WireConnection(server)) {
                    assertEquals("other " + i, other.send(ocspPost("other " + i)).read().text());
                }
            }
            assertEquals("first half", slow.send(" half").read().text());
        }
    }

    @Test
    void aClientNotReadingALargeCrlHoldsUpNoOneEvenWithOneWorker() throws Exception {
        byte[] crl = new byte[8 << 20];
        new Random(1).nextBytes(crl);
        Files.write(crls.resolve("auth.crl"), crl);
        URI server = start(1);
        try (WireConnection stalled = new WireConnection(server, 4096)) {
            WireConnection.Response head = stalled.send(WireConnection.get("/crl/auth.crl")).readHead();
            assertEquals(200, head.status());
            assertEquals(Integer.toString(crl.length), head.header("Content-Length"));
            for (int i = 0; i < 3; i++) {
                try (WireConnection other = new WireConnection(server)) {
                    assertEquals("other " + i, other.send(ocspPost("other " + i)).read().text());
                }
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            assertArrayEquals(sha256.digest(crl), sha256.digest(stalled.readBody(crl.length)), "the whole CRL, late");
        }
    }

    @Test
    void connectionsStayOpenForHttp11AndClosedOnRequestAndForHttp10UnlessKeptAlive() throws Exception {
        URI server = start(2);
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response first = connection.send(ocspPost("one")).read();
            assertNull(first.header("Connection"));
            assertEquals("two", connection.send(ocspPost("two")).read().text(), "HTTP/1.1: kept alive");
            WireConnection.Response last = connection.send("POST /ocsp HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nContent-Length: 5\r\n\r\nthree").read();
            assertEquals("three", last.text());
            assertEquals("close", last.header("Connection"));
            assertTrue(connection.closedByServer());
        }
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response response = connection.send("GET /ocsp/" + urlBase64("ten") + " HTTP/1.0\r\n\r\n").read();
            assertEquals("ten", response.text());
            assertEquals("close", response.header("Connection"));
            assertTrue(connection.closedByServer(), "HTTP/1.0: one request per connection");
        }
        try (WireConnection connection = new WireConnection(server)) {
            String request = "GET /ocsp/" + urlBase64("kept") + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
            WireConnection.Response response = connection.send(request).read();
            assertEquals("keep-alive", response.header("Connection"));
            assertEquals("kept", connection.send(request).read().text(), "HTTP/1.0 with keep-alive: kept");
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionServesOn() throws Exception {
        URI server = start(2);
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response declared = connection.send(ocspPost("x".repeat(100_000))).read();
            assertEquals(413, declared.status());
            assertEquals("request body larger than 8192 bytes\n", declared.text());
            StringBuilder chunked = new StringBuilder("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + OCSP_TYPE + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                chunked.append("fa0\r\n").append("y".repeat(4000)).append("\r\n");
            }
            WireConnection.Response streamed = connection.send(chunked.append("0\r\n\r\n").toString()).read();
            assertEquals(413, streamed.status(), "a chunked body counted as it comes");
            assertEquals("fits", connection.send(ocspPost("fits")).read().text(), "the oversized bodies were read away");
            WireConnection.Response admin = connection.send(WireConnection.post("/admin/certificates", "application/json",
                    new byte[70_000])).read();
            assertEquals(413, admin.status());
            assertEquals("{\"error\":\"request body larger than 65536 bytes\"}\n", admin.text(), "the admin API's in JSON");
        }
    }

    @Test
    void expect100ContinueIsAnsweredBeforeTheBodyOrRefusedWithout() throws Exception {
        URI server = start(2);
        try (WireConnection connection = new WireConnection(server)) {
            connection.send("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertEquals(100, connection.read().status());
            assertEquals("body", connection.send("body").read().text());
        }
        try (WireConnection connection = new WireConnection(server)) {
            WireConnection.Response refused = connection.send("POST /ocsp HTTP/1.1\r\nHost: localhost\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n").read();
            assertEquals(413, refused.status(), "refused without asking for the body");
            assertTrue(connection.closedByServer(), "the body that may follow is not read");
        }
    }

    @Test
    void theServerNamesItsResponsesDate() throws Exception {
        URI server = start(1);
        try (WireConnection connection = new WireConnection(server)) {
            String date = connection.send(ocspPost("when")).read().header("Date");
            assertFalse(date == null || date.isBlank());
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(date);
            assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
        }
    }

    private static String ocspPost(String body) {
        return WireConnection.post("/ocsp", OCSP_TYPE, body.getBytes(StandardCharsets.US_ASCII));
    }

    private static String urlBase64(String text) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
    }

    private static boolean closed(WireConnection connection) {
        try {
            return connection.closedByServer();
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WireConnection.PATIENCE.toSeconds(), TimeUnit.SECONDS), "waited too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
