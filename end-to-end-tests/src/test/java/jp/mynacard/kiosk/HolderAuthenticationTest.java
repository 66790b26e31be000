package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.kiosk.AuthenticationResponse;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderAuthenticator;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.kiosk.PinRefusedException;
import jp.mynacard.host.kiosk.Refusal;
import jp.mynacard.host.kiosk.RefusalReason;
import jp.mynacard.host.kiosk.Verdict;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * コンビニ交付 authentication through the real wire: jcardsim cards issued by the in-process
 * centre, the kiosk-side {@link HolderAuthenticator} over APDUs, the service-side
 * {@link HolderVerifier} validating against the centre by OCSP over HTTP.
 */
class HolderAuthenticationTest {
    private static final char[] PIN = "1234".toCharArray();

    @TempDir
    Path dir;

    private final HolderVerifier verifier = new HolderVerifier("千代田区 証明書交付", validator());

    @Test
    void aValidHolderWithTheRightPinIsAccepted() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Verdict verdict = authenticate(card, PIN);
        Verdict.Accepted accepted = assertInstanceOf(Verdict.Accepted.class, verdict, () -> describe(verdict));
        assertEquals(authCertificate(card).getSerialNumber(), accepted.certificate().getSerialNumber());
        assertEquals(ValidationResult.OCSP, accepted.validation().source());
    }

    @Test
    void aSuspendedCardIsRefusedAsReportedLost() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        VirtualCard.testCentre().administration().suspend(authCertificate(card).getSerialNumber(), Optional.empty());
        Refusal refusal = refusal(authenticate(card, PIN));
        assertEquals(RefusalReason.CERTIFICATE_NOT_VALID, refusal.reason());
        assertEquals(ValidationResult.Status.SUSPENDED, refusal.validation().orElseThrow().status());
        assertEquals("card suspended (reported lost)", refusal.english());
        assertTrue(refusal.japanese().contains("一時停止"), refusal.japanese());
    }

    @Test
    void aRevokedCardIsRefusedWithTheReason() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        VirtualCard.testCentre().administration().revoke(authCertificate(card).getSerialNumber(), Optional.empty(),
                RevocationReason.KEY_COMPROMISE, null);
        Refusal refusal = refusal(authenticate(card, PIN));
        assertEquals(ValidationResult.Status.REVOKED, refusal.validation().orElseThrow().status());
        assertEquals("card revoked (key compromise)", refusal.english());
        assertTrue(refusal.japanese().contains("失効"), refusal.japanese());
    }

    @Test
    void aWrongPinSaysHowManyTriesAreLeftAndTheThirdLocksIt() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        char[] wrong = "9999".toCharArray();
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            HolderAuthenticator kiosk = new HolderAuthenticator(jpki);
            PinRefusedException first = assertThrows(PinRefusedException.class,
                    () -> kiosk.respond(verifier.challenge(), wrong));
            assertEquals(2, first.triesLeft().orElseThrow());
            assertEquals("wrong PIN: 2 tries left before the card locks", first.english());
            assertTrue(first.japanese().contains("あと2回"), first.japanese());
            assertFalse(first.clerkMessage().contains("9999"), "the PIN is never in a message");
            assertEquals(1, assertThrows(PinRefusedException.class,
                    () -> kiosk.respond(verifier.challenge(), wrong)).triesLeft().orElseThrow());
            PinRefusedException third = assertThrows(PinRefusedException.class,
                    () -> kiosk.respond(verifier.challenge(), wrong));
            assertTrue(third.blocked(), third.english());
            PinRefusedException afterwards = assertThrows(PinRefusedException.class,
                    () -> kiosk.respond(verifier.challenge(), PIN));
            assertTrue(afterwards.blocked(), "even the right PIN meets a locked card");
            assertTrue(afterwards.english().startsWith("PIN locked"), afterwards.english());
        }
    }

    @Test
    void aPinThatIsNotFourDigitsSpendsNoTry() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            PinRefusedException refused = assertThrows(PinRefusedException.class,
                    () -> new HolderAuthenticator(jpki).respond(verifier.challenge(), "12a".toCharArray()));
            assertTrue(refused.triesLeft().isEmpty());
            assertEquals(3, jpki.pinTriesLeft(jp.mynacard.host.jpki.JpkiKey.AUTH));
        }
    }

    @Test
    void aReplayedResponseIsRefusedThoughItWasGood() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        AuthenticationResponse response = respond(card, verifier.challenge(), PIN);
        assertTrue(verifier.verify(response.toJson()).accepted());
        Refusal replay = refusal(verifier.verify(response.toJson()));
        assertEquals(RefusalReason.CHALLENGE_REPLAYED, replay.reason());
        assertTrue(replay.english().contains("replayed"), replay.english());
    }

    @Test
    void aCardOfAnotherCentreIsRefusedAsNotTrusted() throws Exception {
        try (Centre foreign = Centre.start(CentreConfiguration.embedded(dir))) {
            VirtualCard card = VirtualCard.issue(Holder.sample(), JpkiPins.sample(),
                    new CentreCertificateIssuer(new CentreClient(foreign.uri(), null)));
            Refusal refusal = refusal(authenticate(card, PIN));
            assertEquals(ValidationResult.Status.UNKNOWN_ISSUER, refusal.validation().orElseThrow().status());
            assertEquals("card not issued by a trusted authority (unknown CA)", refusal.english());
        }
    }

    @Test
    void aSignatureOverAnotherChallengeOrALateResponseIsRefused() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Challenge asked = verifier.challenge();
        AuthenticationResponse forOther = respond(card, verifier.challenge(), PIN);
        AuthenticationResponse swapped = new AuthenticationResponse(asked.id(), forOther.certificate(), forOther.signature());
        assertEquals(RefusalReason.SIGNATURE_INVALID, refusal(verifier.verify(swapped)).reason());

        SettableClock clock = new SettableClock(Instant.now());
        HolderVerifier slow = new HolderVerifier("svc", validator(), clock, Duration.ofMinutes(2), 100);
        Challenge challenge = slow.challenge();
        AuthenticationResponse late = respond(card, challenge, PIN);
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        assertEquals(RefusalReason.CHALLENGE_EXPIRED, refusal(slow.verify(late)).reason());
        assertEquals(RefusalReason.CHALLENGE_UNKNOWN, refusal(verifier.verify(late)).reason(),
                "a challenge of another service is unknown here");
    }

    private static CertificateValidator validator() {
        return CertificateValidator.builder()
                .trustAnchors(List.of(VirtualCard.testCentre().administration().authorityCertificate("auth"))).build();
    }

    private Verdict authenticate(VirtualCard card, char[] pin) {
        return verifier.verify(respond(card, verifier.challenge(), pin).toJson());
    }

    private static AuthenticationResponse respond(VirtualCard card, Challenge challenge, char[] pin) {
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            // the challenge crosses the wire as JSON, as it would over HTTP
            return new HolderAuthenticator(jpki).respond(Challenge.fromJson(challenge.toJson()), pin);
        }
    }

    private static X509Certificate authCertificate(VirtualCard card) {
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            return new HolderAuthenticator(jpki).certificate();
        }
    }

    private static Refusal refusal(Verdict verdict) {
        return assertInstanceOf(Verdict.Refused.class, verdict, "expected a refusal").refusal();
    }

    private static String describe(Verdict verdict) {
        return verdict instanceof Verdict.Refused r ? r.refusal().clerkMessage()
                + r.refusal().validation().map(v -> " — " + v.describe()).orElse("") : "accepted";
    }

    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
