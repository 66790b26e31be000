package jp.mynacard.host.trust;

import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link CertificateValidator#validate}.
 *
 * @param status         what was found
 * @param subject        the validated certificate's subject, for the description
 * @param revocationDate when REVOKED or SUSPENDED: since when
 * @param reason         when REVOKED or SUSPENDED: the CRL/OCSP reason, if the source gave one
 * @param source         where the revocation status came from: "OCSP", "CRL", "none (soft-fail)", or "none"
 * @param detail         why, for statuses other than VALID/REVOKED/SUSPENDED (one short phrase)
 * @param notes          what the revocation answer rests on ("complete CRL 12 of …, delta CRL 13") and
 *                       what was received but not used, with why ("the delta CRL at … does not fit …")
 */
public record ValidationResult(Status status, String subject, Optional<Instant> revocationDate,
                               Optional<CRLReason> reason, String source, String detail, List<String> notes) {

    public enum Status {
        VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED, UNKNOWN_ISSUER, SIGNATURE_INVALID, REVOCATION_UNAVAILABLE,
        /** No path is valid for the certificate policies the relying party accepts (RFC 5280 §6.1.1). */
        POLICY_NOT_ACCEPTED
    }

    /** Sources of {@link #source()}. */
    public static final String OCSP = "OCSP";
    public static final String CRL = "CRL";
    public static final String SOFT_FAIL = "none (soft-fail)";
    public static final String NONE = "none";

    public ValidationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(revocationDate, "revocationDate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
        notes = List.copyOf(notes);
    }

    public ValidationResult(Status status, String subject, Optional<Instant> revocationDate,
                            Optional<CRLReason> reason, String source, String detail) {
        this(status, subject, revocationDate, reason, source, detail, List.of());
    }

    /** This result with {@code more} notes after its own. */
    ValidationResult noting(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new ValidationResult(status, subject, revocationDate, reason, source, detail, all);
    }

    static ValidationResult failed(Status status, String subject, String detail) {
        return new ValidationResult(status, subject, Optional.empty(), Optional.empty(), NONE, detail);
    }

    static ValidationResult valid(String subject, String source, String detail) {
        return new ValidationResult(Status.VALID, subject, Optional.empty(), Optional.empty(), source, detail);
    }

    /** A revocation found by {@code source}; certificateHold is a suspension, not a revocation. */
    static ValidationResult revoked(String subject, Instant date, CRLReason reason, String source) {
        Status s = reason == CRLReason.CERTIFICATE_HOLD ? Status.SUSPENDED : Status.REVOKED;
        return new ValidationResult(s, subject, Optional.ofNullable(date),
                Optional.ofNullable(reason == CRLReason.UNSPECIFIED ? null : reason), source, "");
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    /** One sentence for a clerk: what is wrong (or that nothing is), without jargon where it can be avoided. */
    public String describe() {
        String who = "The certificate of " + subject;
        String since = revocationDate.map(d -> " on " + d).orElse("");
        return switch (status) {
            case VALID -> source.equals(SOFT_FAIL)
                    ? who + " is valid, but its revocation status could not be checked (" + detail + ")."
                    : who + " is valid (revocation checked by " + source + ").";
            case REVOKED -> who + " was revoked" + since + reason.map(r -> " (" + words(r) + ")").orElse("")
                    + ", according to " + source + because() + ".";
            case SUSPENDED -> who + " is suspended" + since + ", according to " + source + because() + ".";
            case EXPIRED -> who + " has expired (" + detail + ").";
            case NOT_YET_VALID -> who + " is not yet valid (" + detail + ").";
            case UNKNOWN_ISSUER -> who + " was not issued by a trusted authority (" + detail + ").";
            case SIGNATURE_INVALID -> who + " has an invalid signature (" + detail + ").";
            case POLICY_NOT_ACCEPTED -> who + " was not issued under a certificate policy accepted here (" + detail + ").";
            case REVOCATION_UNAVAILABLE -> who + " cannot be accepted: its revocation status is unavailable ("
                    + detail + ").";
        };
    }

    /** Why, when the revocation is not of the certificate itself (a CA above it). */
    private String because() {
        return detail.isEmpty() ? "" : ": " + detail;
    }

    /** KEY_COMPROMISE -> "key compromise". */
    static String words(CRLReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
