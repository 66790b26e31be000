package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Parser fuzzing of the centre over HTTP ({@link ParserFuzz}): mutated OCSP requests to its
 * responder and mutated JSON bodies to its admin API. Every answer is an OCSP response or a 4xx
 * that says why — never a 5xx, a dropped connection or a hang — and the centre answers the valid
 * request as before afterwards.
 */
class CentreFuzzTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Thrown for a 4xx: the centre's way of refusing an input. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static X509Certificate issue(Centre centre, PublicKey key) {
        return centre.administration().issue(CertificateUsage.USER_AUTHENTICATION, Holder.sample().basicAttributes(),
                LocalDate.now().plusYears(5), key);
    }

    private static PublicKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A 2xx passes, a 4xx with a reason is a refusal, anything else (a 5xx, a 4xx without a word) fails. */
    private static byte[] answered(HttpResponse<byte[]> response) throws Refused {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        if (status >= 400 && status < 500 && response.body().length > 0) {
            throw new Refused(status + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new AssertionError("the centre answered " + status + ": " + new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void mutatedOcspRequestsGetAnOcspAnswerOrA4xx() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("centre OCSP requests");
        Centre centre = VirtualCard.testCentre();
        X509Certificate ca = centre.administration().authorityCertificate("auth");
        X509Certificate cert = issue(centre, rsaKey());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca), cert.getSerialNumber());
        byte[] plain = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        byte[] withNonce = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new byte[16]).getEncoded()))).build().getEncoded();
        URI ocsp = centre.uri().resolve("ocsp");
        ParserFuzz.run("centre OCSP endpoint (POST)", run, List.of(plain, withNonce), input -> {
            byte[] answer = answered(send(HttpRequest.newBuilder(ocsp).header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(input)).build()));
            new OCSPResp(answer); // an OCSP response, successful or not (malformedRequest)
        }, List.of(Refused.class));
        ParserFuzz.run("centre OCSP endpoint (GET)", run, List.of(plain, withNonce), input -> {
            String path = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(input), StandardCharsets.US_ASCII);
            new OCSPResp(answered(send(HttpRequest.newBuilder(URI.create(ocsp + "/" + path)).GET().build())));
        }, List.of(Refused.class));

        OCSPResp after = new OCSPResp(answered(send(HttpRequest.newBuilder(ocsp).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(plain)).build())));
        assertEquals(OCSPResp.SUCCESSFUL, after.getStatus(), "the responder still answers" + run.replay());
        assertEquals(CertificateStatus.GOOD, ((BasicOCSPResp) after.getResponseObject()).getResponses()[0].getCertStatus());
    }

    @Test
    void mutatedAdminBodiesGetA4xxThatSaysWhy() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("centre admin JSON");
        Centre centre = VirtualCard.testCentre();
        PublicKey key = rsaKey();
        // the only certificate the fuzz may revoke or suspend: its own
        String serial = issue(centre, key).getSerialNumber().toString(16);
        // PEM inside a JSON string: its line breaks written \n
        String pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n").replace("\n", "\\n");
        byte[] issueBody = ("{\"type\":\"auth\",\"publicKey\":\"" + pem + "\",\"holder\":{\"name\":\"番号　花子\",\"birthDate\":\"1989-03-31\","
                + "\"sex\":\"female\",\"address\":\"東京都千代田区霞が関二丁目１番２号\",\"cardExpiry\":\"2034-03-31\"},\"replaces\":null}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] suspendBody = "{\"type\":\"auth\"}".getBytes(StandardCharsets.UTF_8);
        byte[] revokeBody = "{\"reason\":\"keyCompromise\",\"type\":\"auth\",\"invalidityDate\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        URI admin = centre.uri().resolve("admin/");
        ParserFuzz.run("centre admin JSON (issue)", run, List.of(issueBody), input -> post(admin.resolve("certificates"), input),
                List.of(Refused.class));
        ParserFuzz.run("centre admin JSON (suspend, revoke)", run, List.of(suspendBody, revokeBody), input -> {
            String verb = new String(input, StandardCharsets.UTF_8).contains("reason") ? "revoke" : "suspend";
            post(admin.resolve("certificates/" + serial + "/" + verb), input);
        }, List.of(Refused.class));
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(admin.resolve("certificates/" + serial)).GET().build());
        assertEquals(200, status.statusCode(), "the admin API still answers" + run.replay());
        assertFalse(new BigInteger(serial, 16).signum() < 0);
        assertTrue(new String(status.body(), StandardCharsets.UTF_8).contains("\"serial\""), new String(status.body(), StandardCharsets.UTF_8));
    }

    private static void post(URI uri, byte[] body) throws Exception {
        answered(send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }
}
