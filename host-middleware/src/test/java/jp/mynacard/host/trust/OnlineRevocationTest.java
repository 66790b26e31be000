package jp.mynacard.host.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynacard.host.trust.CertificateValidator.Policy;
import jp.mynacard.host.trust.ValidationResult.Status;
import jp.mynacard.testing.MutableClock;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OCSP and fetched CRLs over real HTTP against {@link FakeCentre}, with a clock the test moves. */
class OnlineRevocationTest {
    static final Instant NOW = TestPki.NOW;
    static final Instant REVOKED_AT = NOW.minusSeconds(86400L * 3);
    static TestPki pki;
    static TestPki.Responder responder;

    FakeCentre centre;
    X509Certificate cert;
    MutableClock clock;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("Online CA");
        responder = pki.responder(100, true);
    }

    @BeforeEach
    void start() throws Exception {
        centre = new FakeCentre();
        cert = pki.issue(30, "Holder", centre.base());
        clock = new MutableClock(NOW);
    }

    @AfterEach
    void stop() {
        centre.close();
    }

    private CertificateValidator.Builder validator() {
        return CertificateValidator.builder().trustAnchors(List.of(pki.ca)).clock(clock)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2));
    }

    private void answer(TestPki.Responder signer, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) {
        centre.ocsp(r -> TestOcsp.answer(r, signer, status, thisUpdate, nextUpdate, true));
    }

    private void good() {
        answer(responder, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600));
    }

    private ValidationResult unavailable(CertificateValidator.Builder b, String why) {
        ValidationResult r = b.build().validate(cert);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().contains(why), r.detail());
        return r;
    }

    @Test
    void goodFromADelegatedResponderAndFromTheCaItself() {
        good();
        ValidationResult r = validator().build().validate(cert);
        assertEquals(Status.VALID, r.status(), r.describe());
        assertEquals(ValidationResult.OCSP, r.source());

        answer(pki.asResponder(), CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600));
        assertEquals(Status.VALID, validator().build().validate(cert).status());
    }

    @Test
    void revokedByOcspWithDateAndReason() {
        answer(responder, new RevokedStatus(Date.from(REVOKED_AT), org.bouncycastle.asn1.x509.CRLReason.keyCompromise),
                NOW.minusSeconds(60), NOW.plusSeconds(3600));
        ValidationResult r = validator().build().validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(Optional.of(REVOKED_AT), r.revocationDate());
        assertEquals(Optional.of(CRLReason.KEY_COMPROMISE), r.reason());
        assertEquals(ValidationResult.OCSP, r.source());
        // revoked after the validation time: it was valid then
        assertEquals(Status.VALID, validator().at(REVOKED_AT.minusSeconds(1)).build().validate(cert).status());
    }

    @Test
    void certificateHoldByOcspIsSuspended() {
        answer(responder, new RevokedStatus(Date.from(REVOKED_AT), org.bouncycastle.asn1.x509.CRLReason.certificateHold),
                NOW.minusSeconds(60), NOW.plusSeconds(3600));
        ValidationResult r = validator().build().validate(cert);
        assertEquals(Status.SUSPENDED, r.status(), r.describe());
        assertEquals(Optional.of(REVOKED_AT), r.revocationDate());
    }

    @Test
    void aReplayedResponseIsRefusedForItsNonceUnlessNoncesAreOff() {
        AtomicReference<byte[]> recorded = new AtomicReference<>();
        // records the first (genuine, nonced) answer and replays it for every later request
        centre.ocsp(r -> recorded.updateAndGet(first -> first != null ? first
                : TestOcsp.answer(r, responder, CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600), true)));
        assertEquals(Status.VALID, validator().build().validate(cert).status());
        unavailable(validator(), "nonce differs from the request's");
        assertEquals(Status.VALID, validator().nonce(false).build().validate(cert).status());
    }

    @Test
    void anAuthenticButStaleRevokedAnswerRefusesInEveryMode() {
        // expired, and without the nonce: it cannot show good, but the CA did revoke the certificate
        centre.ocsp(r -> TestOcsp.answer(r, responder, new RevokedStatus(Date.from(REVOKED_AT),
                org.bouncycastle.asn1.x509.CRLReason.keyCompromise), NOW.minusSeconds(7200), NOW.minusSeconds(3600), false));
        for (Policy policy : Policy.values()) {
            ValidationResult r = validator().policy(policy).build().validate(cert);
            assertEquals(Status.REVOKED, r.status(), policy + ": " + r.describe());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("not current")), r.notes().toString());
        }
        // the same stale answer saying good shows nothing
        centre.ocsp(r -> TestOcsp.answer(r, responder, CertificateStatus.GOOD, NOW.minusSeconds(7200),
                NOW.minusSeconds(3600), false));
        assertEquals(ValidationResult.SOFT_FAIL, validator().policy(Policy.SOFT_FAIL).build().validate(cert).source());
    }

    @Test
    void aResponseWithoutTheNonceIsRefused() {
        centre.ocsp(r -> TestOcsp.answer(r, responder, CertificateStatus.GOOD, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), false));
        unavailable(validator(), "does not echo the request's nonce");
    }

    @Test
    void aResponseOlderThanTheMaximumAgeIsRefused() {
        answer(responder, CertificateStatus.GOOD, NOW.minusSeconds(7200), NOW.plusSeconds(3600));
        unavailable(validator().maxResponseAge(Duration.ofMinutes(30)), "older than the maximum age");
        assertEquals(Status.VALID, validator().build().validate(cert).status()); // no maximum age: nextUpdate rules
        assertEquals(Status.VALID, validator().maxResponseAge(Duration.ofHours(3)).build().validate(cert).status());
    }

    @Test
    void expiredAndFutureResponsesAreRefusedBeyondTheClockSkew() {
        answer(responder, CertificateStatus.GOOD, NOW.minusSeconds(7200), NOW.minusSeconds(600));
        unavailable(validator(), "the response expired at");
        answer(responder, CertificateStatus.GOOD, NOW.minusSeconds(7200), NOW.minusSeconds(120));
        assertEquals(Status.VALID, validator().build().validate(cert).status()); // within 5 minutes of skew
        unavailable(validator().clockSkew(Duration.ofSeconds(30)), "the response expired at");

        answer(responder, CertificateStatus.GOOD, NOW.plusSeconds(600), NOW.plusSeconds(3600));
        unavailable(validator(), "in the future");
    }

    @Test
    void aResponderTheCaDidNotAuthorizeIsRefused() throws Exception {
        TestPki other = new TestPki("Other CA");
        answer(other.responder(101, true), CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600));
        unavailable(validator(), "not authorized: its certificate was not issued by");

        answer(pki.responder(102, false), CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600));
        unavailable(validator(), "lacks id-kp-OCSPSigning");

        // the other CA's own key, claiming to be the responder: not named, not included for this CA
        answer(other.asResponder(), CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600));
        unavailable(validator(), "not authorized");
    }

    @Test
    void unknownFallsBackToTheCrl() throws Exception {
        answer(responder, new org.bouncycastle.cert.ocsp.UnknownStatus(), NOW.minusSeconds(60), NOW.plusSeconds(3600));
        centre.crl("full.crl", pki.crl(1, null, NOW.minusSeconds(60), NOW.plusSeconds(3600),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.superseded), REVOKED_AT, null));
        ValidationResult r = validator().build().validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(ValidationResult.CRL, r.source());
    }

    @Test
    void theCrlIsFetchedOnceAndKeptUntilNextUpdate() throws Exception {
        centre.crl("full.crl", pki.crl(1, null, NOW.minusSeconds(60), NOW.plusSeconds(3600), Map.of(), REVOKED_AT, null));
        CertificateValidator v = validator().ocsp(false).build();
        assertEquals(Status.VALID, v.validate(cert).status());
        assertEquals(Status.VALID, v.validate(cert).status());
        assertEquals(1, centre.requests("/crl/full.crl"));

        // published now, but the held CRL is current until its nextUpdate
        centre.crl("full.crl", pki.crl(2, null, NOW, NOW.plusSeconds(7200),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.keyCompromise), REVOKED_AT, null));
        clock.advance(Duration.ofMinutes(59));
        assertEquals(Status.VALID, v.validate(cert).status());
        assertEquals(1, centre.requests("/crl/full.crl"));

        clock.advance(Duration.ofMinutes(2));
        ValidationResult r = v.validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(2, centre.requests("/crl/full.crl"));
    }

    @Test
    void anExpiredCrlThatCannotBeRefetchedIsNotUsed() throws Exception {
        centre.crl("full.crl", pki.crl(1, null, NOW.minusSeconds(60), NOW.plusSeconds(3600), Map.of(), REVOKED_AT, null));
        CertificateValidator v = validator().ocsp(false).build();
        assertEquals(Status.VALID, v.validate(cert).status());
        centre.crl("full.crl", null);
        clock.advance(Duration.ofHours(2));
        ValidationResult r = v.validate(cert);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().contains("HTTP 404") && r.detail().contains("expired at"), r.detail());
    }

    @Test
    void aRevocationOnlyInTheDeltaCrlIsSeen() throws Exception {
        URI delta = centre.base().resolve("crl/delta.crl");
        centre.crl("full.crl", pki.crl(5, null, NOW.minusSeconds(600), NOW.plusSeconds(86400), Map.of(), REVOKED_AT, delta));
        centre.crl("delta.crl", pki.crl(6, 5L, NOW.minusSeconds(60), NOW.plusSeconds(900),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.keyCompromise), REVOKED_AT, null));
        ValidationResult r = validator().ocsp(false).build().validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(ValidationResult.CRL, r.source());
        assertEquals(1, centre.requests("/crl/delta.crl"));
    }

    @Test
    void removeFromCrlInTheDeltaLiftsASuspension() throws Exception {
        URI delta = centre.base().resolve("crl/delta.crl");
        centre.crl("full.crl", pki.crl(5, null, NOW.minusSeconds(600), NOW.plusSeconds(86400),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.certificateHold), REVOKED_AT, delta));
        centre.crl("delta.crl", pki.crl(6, 5L, NOW.minusSeconds(60), NOW.plusSeconds(900), Map.of(), REVOKED_AT, null));
        assertEquals(Status.SUSPENDED, validator().ocsp(false).build().validate(cert).status());
        centre.crl("delta.crl", pki.crl(7, 5L, NOW.minusSeconds(60), NOW.plusSeconds(900),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.removeFromCRL), REVOKED_AT, null));
        assertEquals(Status.VALID, validator().ocsp(false).build().validate(cert).status());
    }

    @Test
    void aDeltaOfANewerCompleteCrlFetchesThatOne() throws Exception {
        URI delta = centre.base().resolve("crl/delta.crl");
        centre.crl("full.crl", pki.crl(5, null, NOW.minusSeconds(600), NOW.plusSeconds(86400), Map.of(), REVOKED_AT, delta));
        centre.crl("delta.crl", pki.crl(6, 5L, NOW.minusSeconds(60), NOW.plusSeconds(900), Map.of(), REVOKED_AT, null));
        CertificateValidator v = validator().ocsp(false).build();
        assertEquals(Status.VALID, v.validate(cert).status());

        // the centre publishes complete CRL 7 (listing the revocation) and delta 8 based on it
        centre.crl("full.crl", pki.crl(7, null, NOW, NOW.plusSeconds(86400),
                Map.of(30L, org.bouncycastle.asn1.x509.CRLReason.keyCompromise), REVOKED_AT, delta));
        centre.crl("delta.crl", pki.crl(8, 7L, NOW, NOW.plusSeconds(900), Map.of(), REVOKED_AT, null));
        clock.advance(Duration.ofMinutes(16)); // the delta expired; the held complete CRL did not
        ValidationResult r = v.validate(cert);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(2, centre.requests("/crl/full.crl"));
    }

    @Test
    void centreDownFailsClosedOrSoftFailsWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        X509Certificate offline = pki.issue(31, "Offline", URI.create("http://127.0.0.1:" + port + "/"));
        ValidationResult r = validator().build().validate(offline);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().contains("OCSP: http://127.0.0.1:" + port + "/ocsp: connection refused"), r.detail());
        assertTrue(r.detail().contains("CRL: http://127.0.0.1:" + port + "/crl/full.crl: connection refused"), r.detail());

        ValidationResult soft = validator().policy(Policy.SOFT_FAIL).build().validate(offline);
        assertEquals(Status.VALID, soft.status());
        assertEquals(ValidationResult.SOFT_FAIL, soft.source());
        assertTrue(soft.describe().contains("could not be checked") && soft.describe().contains("connection refused"),
                soft.describe());
    }

    @Test
    void aCentreThatNeverAnswersCostsTheTimeoutAndNoMore() throws Exception {
        // the backlog accepts the connection; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            X509Certificate c = pki.issue(32, "Silent", URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"));
            long start = System.nanoTime();
            ValidationResult r = validator().readTimeout(Duration.ofSeconds(1)).build().validate(c);
            System.out.printf("silent centre: %d ms for OCSP and CRL with a 1 s read timeout%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
            assertTrue(r.detail().contains("/ocsp: no answer within 1 s"), r.detail());
            assertTrue(r.detail().contains("/crl/full.crl: no answer within 1 s"), r.detail());
            assertEquals(Status.VALID, validator().readTimeout(Duration.ofSeconds(1)).policy(Policy.SOFT_FAIL).build()
                    .validate(c).status());
        }
    }

}
