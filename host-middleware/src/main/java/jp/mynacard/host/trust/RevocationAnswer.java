package jp.mynacard.host.trust;

import java.util.List;
import java.util.Optional;

/**
 * What one revocation source says about one certificate: a result, or empty with {@code why} it
 * has none (so the next source is tried, and the caller can say exactly what failed).
 *
 * @param used what the answer rests on and what was left aside ("complete CRL 12 of …", "delta CRL
 *             at … not used: …"), for the validation result's notes
 */
public record RevocationAnswer(Optional<ValidationResult> result, String why, List<String> used) {

    public RevocationAnswer {
        used = List.copyOf(used);
    }

    public RevocationAnswer(Optional<ValidationResult> result, String why) {
        this(result, why, List.of());
    }

    public static RevocationAnswer of(ValidationResult result) {
        return new RevocationAnswer(Optional.of(result), "");
    }

    public static RevocationAnswer unavailable(String why) {
        return new RevocationAnswer(Optional.empty(), why);
    }

    /** This answer, noting what it rests on. */
    public RevocationAnswer noting(List<String> notes) {
        return new RevocationAnswer(result, why, notes);
    }
}
