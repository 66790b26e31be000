package jp.mynacard.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.host.trust.ValidationResult.Status;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's own OCSP client and CRL fetching against the real centre over HTTP: revocation
 * with date and reason, nonces against a replaying proxy, the maximum age against the centre's
 * pre-signed responses, a revocation published only in the delta CRL, and a centre that is down.
 */
class RevocationAgainstCentreTest {
    @TempDir
    Path dir;

    private static X509Certificate issue(Centre centre) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return centre.administration().issue(CertificateUsage.USER_AUTHENTICATION, Holder.sample().basicAttributes(),
                LocalDate.now().plusYears(5), g.generateKeyPair().getPublic());
    }

    private static CertificateValidator.Builder validator(Centre centre) {
        return CertificateValidator.builder().trustAnchors(List.of(centre.administration().authorityCertificate("auth")))
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5));
    }

    @Test
    void revokedByOcspWithDateAndReason() throws Exception {
        Centre centre = VirtualCard.testCentre();
        X509Certificate cert = issue(centre);
        assertEquals(Status.VALID, validator(centre).build().validate(cert).status());
        centre.administration().revoke(cert.getSerialNumber(), Optional.empty(), RevocationReason.KEY_COMPROMISE, null);
        ValidationResult r = validator(centre).build().validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(ValidationResult.OCSP, r.source());
        assertEquals(Optional.of(CRLReason.KEY_COMPROMISE), r.reason());
        assertTrue(r.revocationDate().isPresent());
    }

    @Test
    void aResponseReplayedByAProxyIsRefusedForItsNonce() throws Exception {
        Centre centre = VirtualCard.testCentre();
        X509Certificate cert = issue(centre);
        AtomicReference<byte[]> recorded = new AtomicReference<>();
        AtomicInteger forwarded = new AtomicInteger();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/ocsp", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] answer = recorded.get();
            if (answer == null) { // the first request goes through, and its answer is kept for replay
                forwarded.incrementAndGet();
                try {
                    answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(centre.publicationPoints().ocsp())
                            .header("Content-Type", "application/ocsp-request")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
                recorded.set(answer);
            }
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        proxy.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/ocsp");
            CertificateValidator.Builder b = validator(centre).ocspUrl(url).fetchCrls(false);
            assertEquals(Status.VALID, b.build().validate(cert).status());
            ValidationResult replayed = b.build().validate(cert);
            assertEquals(Status.REVOCATION_UNAVAILABLE, replayed.status(), replayed.describe());
            assertTrue(replayed.detail().contains("nonce differs from the request's"), replayed.detail());
            assertEquals(1, forwarded.get());
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void withoutNonceThePresignedResponseIsAcceptedUntilTheMaximumAge() throws Exception {
        Centre centre = VirtualCard.testCentre();
        X509Certificate cert = issue(centre);
        CertificateValidator.Builder b = validator(centre).nonce(false).fetchCrls(false);
        ValidationResult r = b.build().validate(cert);
        assertEquals(Status.VALID, r.status(), r.describe());
        assertEquals(ValidationResult.OCSP, r.source());
        // twenty minutes on, the centre still hands out the response it pre-signed (it reuses one for half an hour)
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        assertEquals(Status.VALID, b.clock(later).build().validate(cert).status());
        ValidationResult old = b.clock(later).maxResponseAge(Duration.ofMinutes(10)).build().validate(cert);
        assertEquals(Status.REVOCATION_UNAVAILABLE, old.status(), old.describe());
        assertTrue(old.detail().contains("older than the maximum age"), old.detail());
        // with a nonce the centre signs afresh, so the same limit is met
        ValidationResult fresh = validator(centre).maxResponseAge(Duration.ofMinutes(10)).build().validate(cert);
        assertEquals(Status.VALID, fresh.status(), fresh.describe());
    }

    @Test
    void aRevocationOnlyInTheDeltaCrlIsSeenThenTheCentreGoesDown() throws Exception {
        CentreConfiguration embedded = CentreConfiguration.embedded(dir);
        CentreConfiguration quickDeltas = new CentreConfiguration(embedded.dataDir(), embedded.bindHost(), 0, null, null,
                null, null, null, null, null, Duration.ofHours(24), Duration.ofSeconds(1), 4, Clock.systemUTC())
                .withAdminLoopbackWithoutToken(true);
        Centre centre = Centre.start(quickDeltas);
        boolean running = true;
        try {
            X509Certificate cert = issue(centre);
            X509Certificate ca = centre.administration().authorityCertificate("auth");
            assertEquals(Status.VALID, validator(centre).ocsp(false).build().validate(cert).status());

            centre.administration().revoke(cert.getSerialNumber(), Optional.empty(), RevocationReason.KEY_COMPROMISE, null);
            URI deltaUrl = centre.publicationPoints().deltaCrl(CertificateUsage.USER_AUTHENTICATION);
            for (int i = 0; i < 100 && !fetch(deltaUrl, ca).contains(cert.getSerialNumber()); i++) {
                Thread.sleep(200); // the next scheduled delta lists it; the complete CRL is due in a day
            }
            assertTrue(fetch(deltaUrl, ca).contains(cert.getSerialNumber()), "no delta CRL listed the revocation");
            assertFalse(fetch(centre.publicationPoints().crl(CertificateUsage.USER_AUTHENTICATION), ca)
                    .contains(cert.getSerialNumber()));

            ValidationResult r = validator(centre).ocsp(false).build().validate(cert);
            assertEquals(Status.REVOKED, r.status(), r.describe());
            assertEquals(ValidationResult.CRL, r.source());
            assertEquals(Optional.of(CRLReason.KEY_COMPROMISE), r.reason());

            centre.close();
            running = false;
            ValidationResult down = validator(centre).build().validate(cert);
            assertEquals(Status.REVOCATION_UNAVAILABLE, down.status(), down.describe());
            assertTrue(down.detail().contains("OCSP: ") && down.detail().contains("CRL: "), down.detail());
            ValidationResult soft = validator(centre).policy(CertificateValidator.Policy.SOFT_FAIL).build().validate(cert);
            assertEquals(Status.VALID, soft.status(), soft.describe());
            assertEquals(ValidationResult.SOFT_FAIL, soft.source());
        } finally {
            if (running) {
                centre.close();
            }
        }
    }

    private static CrlIndex fetch(URI url, X509Certificate ca) throws Exception {
        byte[] der = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        return CrlIndex.load(new ByteArrayInputStream(der), ca);
    }
}
