package jp.mynacard.host.kiosk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import jp.mynacard.host.trust.ValidationResult;
import org.junit.jupiter.api.Test;

/** The wire forms between kiosk and service: round trips, and clear refusals of anything else. */
class KioskMessagesTest {

    @Test
    void aChallengeRoundTripsAndItsSignedBytesNameTheService() {
        Challenge challenge = new Challenge("abc", "千代田区", new byte[] {1, 2, 3}, Instant.parse("2026-11-23T10:02:00Z"));
        Challenge back = Challenge.fromJson(challenge.toJson());
        assertEquals("abc", back.id());
        assertEquals("千代田区", back.service());
        assertArrayEquals(new byte[] {1, 2, 3}, back.nonce());
        assertEquals(challenge.expiresAt(), back.expiresAt());
        assertArrayEquals(challenge.signedBytes(), back.signedBytes());
        Challenge otherService = new Challenge("abc", "港区", new byte[] {1, 2, 3}, challenge.expiresAt());
        assertFalse(java.util.Arrays.equals(challenge.signedBytes(), otherService.signedBytes()));
    }

    @Test
    void aResponseRoundTrips() {
        AuthenticationResponse response = new AuthenticationResponse("id1", new byte[] {0x30, 1}, new byte[] {9, 8});
        AuthenticationResponse back = AuthenticationResponse.fromJson(response.toJson());
        assertEquals("id1", back.challengeId());
        assertArrayEquals(new byte[] {0x30, 1}, back.certificate());
        assertArrayEquals(new byte[] {9, 8}, back.signature());
    }

    @Test
    void malformedMessagesAreRefusedNamingTheField() {
        assertTrue(assertThrows(MalformedMessageException.class, () -> AuthenticationResponse.fromJson(
                "{\"challenge\":\"x\",\"certificate\":\"AA==\"}")).getMessage().contains("'signature'"));
        assertTrue(assertThrows(MalformedMessageException.class, () -> AuthenticationResponse.fromJson(
                "{\"challenge\":\"x\",\"certificate\":\"!!\",\"signature\":\"AA==\"}")).getMessage().contains("base64"));
        assertTrue(assertThrows(MalformedMessageException.class, () -> AuthenticationResponse.fromJson(
                "{\"challenge\":1}")).getMessage().contains("not a string"));
        assertTrue(assertThrows(MalformedMessageException.class, () -> AuthenticationResponse.fromJson(
                "{\"challenge\":\"a\",\"challenge\":\"b\"}")).getMessage().contains("twice"));
        assertThrows(MalformedMessageException.class, () -> Challenge.fromJson("{\"id\":\"a\"} trailing"));
        assertThrows(MalformedMessageException.class, () -> Challenge.fromJson("not json"));
        assertThrows(MalformedMessageException.class, () -> Challenge.fromJson(
                "{\"id\":\"a\",\"service\":\"s\",\"nonce\":\"AA==\",\"expiresAt\":\"tomorrow\"}"));
    }

    @Test
    void aRefusalKeepsItsSentencesOnTheWire() {
        Refusal refusal = Refusal.of(RefusalReason.CHALLENGE_REPLAYED);
        Refusal back = Refusal.fromJson(refusal.toJson());
        assertEquals(RefusalReason.CHALLENGE_REPLAYED, back.reason());
        assertEquals(refusal.japanese(), back.japanese());
        assertEquals(refusal.english(), back.english());
    }

    @Test
    void everyFailedValidationHasAClerksSentence() {
        for (ValidationResult.Status status : ValidationResult.Status.values()) {
            if (status != ValidationResult.Status.VALID) {
                Refusal r = Refusal.of(new ValidationResult(status, "CN=x", Optional.empty(), Optional.empty(), "none",
                        "why"));
                assertEquals(RefusalReason.CERTIFICATE_NOT_VALID, r.reason());
                assertFalse(r.japanese().isEmpty() || r.english().isEmpty(), status.name());
            }
        }
    }
}
