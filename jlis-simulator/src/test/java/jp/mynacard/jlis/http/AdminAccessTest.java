package jp.mynacard.jlis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who reaches the admin API, through the centre's real HTTP server: a centre as {@code bin/jlis serve}
 * runs it (the token required, the one it made in its data directory), a browser's cross-origin
 * request, a DNS-rebound Host, a body that is not declared JSON, a caller on another address.
 */
class AdminAccessTest {
    private static final Duration QUICK = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    private static Centre centre;
    private static String token;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        centre = Centre.start(CentreConfiguration.embedded(dir.resolve("data")).withAdminLoopbackWithoutToken(false));
        token = AdminTokenFile.read(dir.resolve("data").resolve(AdminTokenFile.NAME));
        http = HttpClient.newBuilder().connectTimeout(QUICK).build();
    }

    @AfterAll
    static void stop() {
        centre.close();
    }

    @Test
    void theTokenIsMadeAtTheFirstStartReadableByItsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = dir.resolve("data").resolve(AdminTokenFile.NAME);
        assertTrue(token.length() >= 43, "256 random bits: " + token.length() + " characters");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        Path other = dir.resolve("other");
        try (Centre second = Centre.start(CentreConfiguration.embedded(other).withAdminLoopbackWithoutToken(false))) {
            String otherToken = AdminTokenFile.read(other.resolve(AdminTokenFile.NAME));
            assertFalse(otherToken.equals(token), "each data directory its own token");
            assertEquals(401, send(get(second, "admin/crls-status"), token).statusCode(), "one centre's token opens no other");
        }
        try (Centre restarted = Centre.start(CentreConfiguration.embedded(other).withAdminLoopbackWithoutToken(false))) {
            String kept = AdminTokenFile.read(other.resolve(AdminTokenFile.NAME));
            assertEquals(404, send(get(restarted, "admin/certificates/ABCDEF"), kept).statusCode(), "the same token after a restart");
        }
    }

    @Test
    void aTokenFileOthersCanReadStopsTheCentreFromStarting() throws Exception {
        Path data = dir.resolve("exposed");
        Centre.start(CentreConfiguration.embedded(data)).close();
        Path file = data.resolve(AdminTokenFile.NAME);
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "POSIX permissions");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Centre.start(CentreConfiguration.embedded(data)));
        assertTrue(refused.getMessage().contains("chmod 600 " + file), refused.getMessage());
        assertFalse(refused.getMessage().contains(AdminTokenFile.read(file)), "the token is never said");
    }

    @Test
    void withoutTheTokenEveryAdminCallIs401EvenOnLoopback() throws Exception {
        HttpResponse<String> none = send(get(centre, "admin/certificates/ABCDEF"), null);
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("Bearer realm=\"mynacard-admin\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(none.body().contains("admin-token"), none.body());
        assertEquals(401, send(json(centre, "admin/crls", "{}"), null).statusCode(), "publishing CRLs");
        assertEquals(401, send(json(centre, "admin/certificates/ABCDEF/revoke", "{\"reason\":\"keyCompromise\"}"), null)
                .statusCode(), "revoking");
        assertEquals(401, send(json(centre, "admin/certificates/ABCDEF/suspend", "{}"), null).statusCode(), "suspending");
        assertEquals(401, send(get(centre, "admin/certificates/ABCDEF/holder"), null).statusCode(), "reading a holder");
        assertEquals(401, send(json(centre, "provision/providers", "{\"id\":\"p\",\"name\":\"P\"}"), null).statusCode(),
                "registering a provider");
        CentreException client = org.junit.jupiter.api.Assertions.assertThrows(CentreException.class,
                () -> new CentreClient(centre.uri(), null).status("ABCDEF", null));
        assertEquals(401, client.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "Bearer wrong-token", "Basic YWRtaW46YWRtaW4=", "Bearer TOKEN-and-more", "TOKEN"})
    void aWrongOrEmptyTokenIs401(String authorization) throws Exception {
        HttpRequest.Builder request = get(centre, "admin/certificates/ABCDEF");
        request.header("Authorization", authorization.replace("TOKEN", token));
        HttpResponse<String> response = send(request, null);
        assertEquals(401, response.statusCode(), response.body());
        assertFalse(response.body().contains(token), "the token is never echoed");
    }

    @Test
    void theRightTokenOpensTheAdminApiAndTheClientCarriesIt() throws Exception {
        assertEquals(404, send(get(centre, "admin/certificates/ABCDEF"), token).statusCode(), "past the door: no such serial");
        HttpRequest.Builder lowerCase = get(centre, "admin/certificates/ABCDEF").header("Authorization", "bearer " + token);
        assertEquals(404, send(lowerCase, null).statusCode(), "the scheme's name in any case (RFC 7235)");
        CentreClient client = new CentreClient(centre.uri(), token);
        client.publishCrls(); // a bodiless POST, declared JSON
        assertEquals(List.of(), client.certificatesForKey("ab".repeat(32)));
        assertEquals(400, send(get(centre, "ocsp/"), null).statusCode(), "OCSP stays public: a bad request, not 401");
        assertEquals(200, send(get(centre, "ca/sign.pem"), null).statusCode(), "CA certificates stay public");
    }

    @Test
    void aBrowsersCrossOriginRequestIs403EvenWithTheToken() throws Exception {
        for (String origin : new String[] {"http://evil.example", "null", "http://localhost:1", "https://evil.example:443",
                "file://"}) {
            HttpResponse<String> post = send(json(centre, "admin/crls", "{}").header("Origin", origin), token);
            assertEquals(403, post.statusCode(), origin + ": " + post.body());
            assertFalse(post.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            assertEquals(403, send(get(centre, "admin/certificates/ABCDEF").header("Origin", origin), token).statusCode(), origin);
        }
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(centre.uri().resolve("admin/crls"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"), null);
        assertEquals(403, preflight.statusCode(), "no preflight passes");
        assertFalse(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        String own = "http://127.0.0.1:" + centre.uri().getPort();
        assertEquals(200, send(json(centre, "admin/crls", "{}").header("Origin", own), token).statusCode(),
                "the centre's own origin");
    }

    @Test
    void aHostHeaderOfAnotherNameIs421() throws Exception {
        int port = centre.uri().getPort();
        assertEquals(421, rawStatus("GET", "evil.example:" + port, token), "DNS rebinding: another name for 127.0.0.1");
        assertEquals(421, rawStatus("GET", "localhost.evil.example", token));
        assertEquals(421, rawStatus("GET", "127.0.0.1.nip.io:" + port, token));
        assertEquals(421, rawStatus("POST", "evil.example", null), "before the token is even looked at");
        assertEquals(404, rawStatus("GET", "localhost:" + port, token), "localhost is the centre's own name");
        assertEquals(404, rawStatus("GET", "127.0.0.1:" + port, token));
        assertEquals(404, rawStatus("GET", "[::1]:" + port, token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonp", "text/json", ""})
    void aBodyNotDeclaredJsonIs415(String type) throws Exception {
        String revoke = "{\"reason\":\"keyCompromise\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(centre.uri().resolve("admin/certificates/ABCDEF/revoke"))
                .POST(HttpRequest.BodyPublishers.ofString(revoke));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = send(request, token);
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.body().contains("application/json"), response.body());
        HttpRequest.Builder crls = HttpRequest.newBuilder(centre.uri().resolve("admin/crls"))
                .POST(HttpRequest.BodyPublishers.ofString(""));
        if (!type.isEmpty()) {
            crls.header("Content-Type", type);
        }
        assertEquals(415, send(crls, token).statusCode(), "a bodiless admin POST too");
    }

    @Test
    void jsonWithACharsetIsJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(centre.uri().resolve("admin/certificates/ABCDEF/revoke"))
                .header("Content-Type", "Application/JSON; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}")), token);
        assertEquals(404, response.statusCode(), "past the checks, no such certificate: " + response.body());
    }

    /** What the in-process centre of tests and the demo runs with: no token on loopback, the browser checks still. */
    @Test
    void theExplicitLoopbackOptionAdmitsThisHostsCallersWithoutTheTokenButNotABrowsersRequest() throws Exception {
        try (Centre embedded = Centre.start(CentreConfiguration.embedded(dir.resolve("embedded")))) {
            assertEquals(404, send(get(embedded, "admin/certificates/ABCDEF"), null).statusCode());
            assertEquals(404, send(get(embedded, "admin/certificates/ABCDEF"), "another-centres-token").statusCode(),
                    "a stray token from a default file changes nothing");
            new CentreClient(embedded.uri(), null).publishCrls();
            assertEquals(403, send(json(embedded, "admin/crls", "{}").header("Origin", "http://evil.example"), null)
                    .statusCode());
            assertEquals(415, send(HttpRequest.newBuilder(embedded.uri().resolve("admin/crls"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")), null).statusCode());
        }
    }

    /** The explicit loopback option admits this host's callers only: one on another address needs the token. */
    @Test
    void aRemoteCallerIsRefusedWithoutTheTokenEvenUnderTheLoopbackOption() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "a network address other than loopback");
        CentreConfiguration embedded = CentreConfiguration.embedded(dir.resolve("remote"));
        CentreConfiguration onNetwork = new CentreConfiguration(embedded.dataDir(), address.get().getHostAddress(), 0,
                null, null, null, null, null, null, null, embedded.crlInterval(), embedded.deltaCrlInterval(),
                embedded.httpThreads(), embedded.clock()).withAdminLoopbackWithoutToken(true);
        try (Centre remote = Centre.start(onNetwork)) {
            String remoteToken = AdminTokenFile.read(dir.resolve("remote").resolve(AdminTokenFile.NAME));
            HttpResponse<String> refused = send(get(remote, "admin/certificates/ABCDEF"), null);
            assertEquals(401, refused.statusCode(), "from " + address.get() + ": " + refused.body());
            assertEquals(401, send(json(remote, "admin/crls", "{}"), "wrong").statusCode());
            assertEquals(404, send(get(remote, "admin/certificates/ABCDEF"), remoteToken).statusCode(),
                    "with the token, from anywhere");
            assertEquals(200, send(get(remote, "ca/sign.pem"), null).statusCode(), "the public paths stay public");
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A request over a plain socket: the JDK's client will not send a Host of our choosing. */
    private static int rawStatus(String method, String host, String bearer) throws IOException {
        try (Socket socket = new Socket(centre.uri().getHost(), centre.uri().getPort())) {
            socket.setSoTimeout((int) QUICK.toMillis());
            String body = method.equals("POST") ? "{}" : "";
            String request = method + " /admin/" + (method.equals("POST") ? "crls" : "certificates/ABCDEF") + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                    + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/"), "a status line: " + line);
            return Integer.parseInt(parts[1]);
        }
    }

    private static HttpRequest.Builder get(Centre target, String path) {
        return HttpRequest.newBuilder(target.uri().resolve(path)).GET();
    }

    private static HttpRequest.Builder json(Centre target, String path, String body) {
        return HttpRequest.newBuilder(target.uri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String bearer) throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.timeout(QUICK).build(), HttpResponse.BodyHandlers.ofString());
    }
}
