package jp.mynacard.jlis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input over the wire: a quick 4xx that says why, and the centre keeps serving. */
class CentreHttpRobustnessTest {
    private static final Duration QUICK = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    private static Centre centre;
    private static HttpClient http;
    private static X509Certificate certificate;
    private static byte[] goodRequest;

    @BeforeAll
    static void start() throws Exception {
        centre = Centre.start(CentreConfiguration.embedded(dir));
        http = HttpClient.newBuilder().connectTimeout(QUICK).build();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        certificate = centre.administration().issue(CertificateUsage.SIGNATURE, Holder.sample().basicAttributes(),
                LocalDate.of(2034, 3, 31), generator.generateKeyPair().getPublic());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(centre.administration().authorityCertificate("sign")), certificate.getSerialNumber());
        goodRequest = new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    @AfterAll
    static void stop() {
        centre.close();
    }

    @Test
    void garbageTruncatedEmptyAndOversizedOcspRequestsAre4xx() throws Exception {
        assertEquals(400, post("ocsp", "application/ocsp-request", "not DER at all".getBytes(StandardCharsets.US_ASCII)).statusCode());
        assertEquals(400, post("ocsp", "application/ocsp-request", Arrays.copyOf(goodRequest, goodRequest.length / 2)).statusCode());
        assertEquals(400, post("ocsp", "application/ocsp-request", new byte[0]).statusCode());
        assertEquals(413, post("ocsp", "application/ocsp-request", new byte[100_000]).statusCode());
        assertEquals(400, get("ocsp/not*base64!!").statusCode());
        assertEquals(400, get("ocsp/").statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(uri("ocsp")).PUT(HttpRequest.BodyPublishers.ofByteArray(goodRequest))).statusCode());
        assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"text\"", "{\"type\":1}", "{\"type\":\"sign\"} trailing", "{\"type\":\"sign\",\"type\":\"auth\"}",
        "{\"type\":\"sign\",\"publicKey\":\"x\",\"holder\":{}}", "{\"type\":\"sign\",\"holder\":{\"name\":{\"a\":{\"b\":\"c\"}}}}",
        "\u0000\u0001\u0002", "{\"type\":\"royal\",\"publicKey\":\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}"})
    void malformedAdminBodiesAre400WithAnExplanation(String body) throws Exception {
        HttpResponse<byte[]> response = post("admin/certificates", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("\"error\""));
        assertStillServing();
    }

    @Test
    void oversizedAdminBodyIs413() throws Exception {
        byte[] body = ("{\"type\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, post("admin/certificates", "application/json", body).statusCode());
        assertStillServing();
    }

    @Test
    void unknownSerialsInvalidTransitionsAndUnknownPathsHaveTheirOwnStatus() throws Exception {
        assertEquals(404, get("admin/certificates/ABCDEF").statusCode());
        assertEquals(400, get("admin/certificates/not-hex").statusCode());
        assertEquals(404, get("admin/nothing").statusCode());
        assertEquals(404, get("nothing").statusCode());
        assertEquals(404, get("crl/../keys/centre.p12").statusCode());
        assertEquals(404, get("crl/other.crl").statusCode());

        BigInteger serial = centre.administration().issue(CertificateUsage.USER_AUTHENTICATION, Holder.sample().basicAttributes(),
                LocalDate.of(2034, 3, 31), certificate.getPublicKey()).getSerialNumber();
        String path = "admin/certificates/" + serial.toString(16) + "/revoke";
        assertEquals(409, post(path, "application/json", "{\"reason\":\"affiliationChanged\"}".getBytes()).statusCode(),
                "authentication certificates are not revoked for affiliationChanged");
        assertEquals(200, post(path, "application/json", "{\"reason\":\"keyCompromise\"}".getBytes()).statusCode());
        HttpResponse<byte[]> again = post(path, "application/json", "{\"reason\":\"superseded\"}".getBytes());
        assertEquals(409, again.statusCode());
        assertTrue(new String(again.body(), StandardCharsets.UTF_8).contains("already revoked"), new String(again.body()));
        assertEquals(400, post(path, "application/json", "{\"reason\":\"bored\"}".getBytes()).statusCode());
        assertEquals("revoked", centre.administration().status(serial, Optional.empty()).state().name().toLowerCase());
    }

    @Test
    void aRevocationIsVisibleInTheVeryNextOcspResponse() throws Exception {
        BigInteger serial = centre.administration().issue(CertificateUsage.SIGNATURE, Holder.sample().basicAttributes(),
                LocalDate.of(2034, 3, 31), certificate.getPublicKey()).getSerialNumber();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(centre.administration().authorityCertificate("sign")), serial);
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        assertEquals(null, status(request)); // good: BouncyCastle's CertificateStatus.GOOD is null
        assertEquals(null, status(request)); // and again, from the pre-signed cache
        centre.administration().suspend(serial, Optional.empty());
        org.bouncycastle.cert.ocsp.RevokedStatus held = (org.bouncycastle.cert.ocsp.RevokedStatus) status(request);
        assertEquals(RevocationReason.CERTIFICATE_HOLD.code(), held.getRevocationReason());
    }

    private static Object status(byte[] request) throws Exception {
        HttpResponse<byte[]> response = post("ocsp", "application/ocsp-request", request);
        assertEquals(200, response.statusCode());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertEquals(OCSPResp.SUCCESSFUL, ocsp.getStatus());
        return ((org.bouncycastle.cert.ocsp.BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
    }

    private static void assertStillServing() throws Exception {
        HttpResponse<byte[]> response = post("ocsp", "application/ocsp-request", goodRequest);
        assertEquals(200, response.statusCode());
        assertEquals(OCSPResp.SUCCESSFUL, new OCSPResp(response.body()).getStatus());
        String base64 = java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(goodRequest), StandardCharsets.US_ASCII);
        assertEquals(200, get("ocsp/" + base64).statusCode());
    }

    private static URI uri(String path) {
        return centre.uri().resolve(path);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request.timeout(QUICK).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(QUICK) < 0, "answer took too long");
        return response;
    }
}
