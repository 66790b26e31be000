package jp.mynacard.jlis.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.List;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.journal.PublicKeyHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /admin/certificates?publicKeySha256= over HTTP, against a running centre. */
class CertificatesForKeyTest {
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);

    @TempDir
    static Path dir;
    private static Centre centre;
    private static CentreClient client;

    @BeforeAll
    static void start() throws Exception {
        centre = Centre.start(CentreConfiguration.embedded(dir));
        client = new CentreClient(centre.uri(), null);
    }

    @AfterAll
    static void stop() {
        centre.close();
    }

    @Test
    void theCentreListsEveryCertificateIssuedForAKeyWithTypeSerialAndState() throws Exception {
        PublicKey key = newKey();
        PublicKey otherKey = newKey();
        String auth = issue("auth", key);
        String sign = issue("sign", key);
        String other = issue("sign", otherKey);
        client.revoke(sign, "keyCompromise", "sign");

        List<CertificateStatus> found = client.certificatesForKey(PublicKeyHash.of(key).toUpperCase(java.util.Locale.ROOT));

        assertEquals(2, found.size());
        assertEquals(List.of(auth, "auth", "good"), List.of(found.get(0).serial(), found.get(0).type(), found.get(0).state()));
        assertEquals(null, found.get(0).reason());
        assertEquals(List.of(sign, "sign", "revoked", "keyCompromise"),
                List.of(found.get(1).serial(), found.get(1).type(), found.get(1).state(), found.get(1).reason()));
        assertNotNull(found.get(1).revokedAt());
        assertEquals(List.of(other), client.certificatesForKey(PublicKeyHash.of(otherKey)).stream().map(CertificateStatus::serial).toList());
        assertEquals(List.of(), client.certificatesForKey(PublicKeyHash.of(newKey())));
    }

    @Test
    void theAnswerIsJsonWithTheDigestAndAnArray() throws Exception {
        PublicKey key = newKey();
        String serial = issue("auth", key);
        HttpResponse<String> response = get("admin/certificates?publicKeySha256=" + PublicKeyHash.of(key));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().startsWith("{\"publicKeySha256\":\"" + PublicKeyHash.of(key) + "\",\"certificates\":[{\"serial\":\""
                + serial + "\",\"type\":\"auth\",\"state\":\"good\""), response.body());
    }

    @Test
    void aMissingOrMalformedDigestIsABadRequestThatSaysWhy() throws Exception {
        HttpResponse<String> missing = get("admin/certificates");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("publicKeySha256"), missing.body());
        HttpResponse<String> shortDigest = get("admin/certificates?publicKeySha256=abcd");
        assertEquals(400, shortDigest.statusCode());
        assertTrue(shortDigest.body().contains("64 hex digits"), shortDigest.body());
        assertEquals(400, get("admin/certificates?publicKeySha256=" + "g".repeat(64)).statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(centre.uri().resolve("admin/certificates"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertThrows(IllegalArgumentException.class, () -> client.certificatesForKey("abcd"));
    }

    private static String issue(String type, PublicKey key) {
        return client.issue(type, key, Holder.sample().basicAttributes(), CARD_EXPIRY).serial();
    }

    private static PublicKey newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(centre.uri().resolve(path)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
