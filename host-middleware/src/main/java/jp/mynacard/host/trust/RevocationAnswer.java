package jp.mynacard.host.trust;

import java.util.Optional;

/**
 * What one revocation source says about one certificate: a result, or empty with {@code why} it
 * has none (so the next source is tried, and the caller can say exactly what failed).
 */
public record RevocationAnswer(Optional<ValidationResult> result, String why) {

    public static RevocationAnswer of(ValidationResult result) {
        return new RevocationAnswer(Optional.of(result), "");
    }

    public static RevocationAnswer unavailable(String why) {
        return new RevocationAnswer(Optional.empty(), why);
    }
}
