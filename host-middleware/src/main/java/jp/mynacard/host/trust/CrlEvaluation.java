package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlScope;
import jp.mynacard.host.revocation.RevocationView;
import jp.mynacard.host.revocation.RevokedEntry;

/**
 * The status of one certificate from the CRLs that cover it, gathered until every reason is covered
 * (RFC 5280 §6.3.3: reasons_mask): a CRL limited to some reasons (onlySomeReasons, or a distribution
 * point's reasons) answers only for those. A certificate any verified CRL lists is refused, even
 * when that CRL is stale or has a critical extension this reader does not process: the CA revoked
 * it, and no mode of the validator accepts that. Such a CRL cannot show a certificate good.
 */
final class CrlEvaluation {
    private final RevocationQuery query;
    private final Instant now;
    private final Duration clockSkew;
    private int covered;
    private ValidationResult revoked;
    private final List<String> used = new ArrayList<>();
    private final List<String> why = new ArrayList<>();

    CrlEvaluation(RevocationQuery query, Instant now, Duration clockSkew) {
        this.query = query;
        this.now = now;
        this.clockSkew = clockSkew;
    }

    /** Whether the answer is known: revoked, or every reason covered. */
    boolean done() {
        return revoked != null || covered == CrlScope.ALL_REASONS;
    }

    /** Whether a CRL listed the certificate. */
    boolean revoked() {
        return revoked != null;
    }

    /** Whether a CRL covering {@code reasons} could still add to the answer. */
    boolean wants(int reasons) {
        return !done() && (reasons & ~covered) != 0;
    }

    /** No answer from somewhere, with why. */
    void unusable(String reason) {
        why.add(reason);
    }

    /** Something received and left aside, stated in the result's notes. */
    void note(String note) {
        used.add(note);
    }

    /**
     * A verified complete CRL (and its delta, or null) covering the certificate for {@code reasons};
     * {@code origin} names where it came from (a file, a URL).
     */
    void offer(CrlIndex full, CrlIndex delta, int reasons, String origin) {
        if (listedIn(full, delta, origin)) {
            return;
        }
        String stale = fresh(full, delta);
        if (stale != null) {
            why.add(stale);
            return;
        }
        for (CrlIndex crl : delta == null ? List.of(full) : List.of(full, delta)) {
            if (!crl.unprocessed().isEmpty()) {
                why.add(kind(crl) + " of " + crl.issuer().getName() + " at " + origin + " has a "
                        + String.join(", a ", crl.unprocessed()) + " this validator cannot process");
                return;
            }
        }
        covered |= reasons;
        used.add(describe(full, delta, origin) + (reasons == CrlScope.ALL_REASONS ? "" : ", for " + CrlScope.words(reasons)));
    }

    /**
     * Whether {@code full} (updated by {@code delta}, or null) lists the certificate as revoked at the
     * validation time; if so the answer is REVOKED or SUSPENDED, whatever else the CRL lacks.
     */
    boolean listedIn(CrlIndex full, CrlIndex delta, String origin) {
        X509Certificate cert = query.certificate();
        Optional<RevokedEntry> entry = RevocationView.of(full, delta)
                .lookup(cert.getSerialNumber(), cert.getIssuerX500Principal());
        // an entry revoked after the validation time did not affect the certificate then
        if (entry.isEmpty() || entry.get().revocationDate().isAfter(query.when())) {
            return false;
        }
        RevokedEntry e = entry.get();
        revoked = ValidationResult.revoked(query.subject(), e.revocationDate(), e.reason().orElse(null),
                ValidationResult.CRL);
        String stale = fresh(full, delta);
        used.add(describe(full, delta, origin) + (stale == null ? "" : " (" + stale + ")"));
        return true;
    }

    /** The answer: revoked, good when every reason is covered, else none, with why. */
    RevocationAnswer answer() {
        if (revoked != null) {
            return RevocationAnswer.of(revoked).noting(used);
        }
        if (covered == CrlScope.ALL_REASONS) {
            return RevocationAnswer.of(ValidationResult.valid(query.subject(), ValidationResult.CRL, "")).noting(used);
        }
        List<String> reasons = new ArrayList<>(why);
        if (covered != 0) {
            reasons.add("the CRLs at hand cover only " + CrlScope.words(covered)
                    + ", not " + CrlScope.words(CrlScope.ALL_REASONS & ~covered));
        }
        return RevocationAnswer.unavailable(String.join("; ", reasons)).noting(used);
    }

    /** Null if both CRLs are current at the validation time and not dated in the future, else why not. */
    private String fresh(CrlIndex full, CrlIndex delta) {
        // a stale CRL proves nothing good: the certificate may have been revoked since
        for (CrlIndex crl : delta == null ? List.of(full) : List.of(full, delta)) {
            if (crl.isStale(query.when().minus(clockSkew))) {
                return "the " + kind(crl) + " of " + crl.issuer().getName() + " expired at " + crl.nextUpdate().orElseThrow();
            }
            if (crl.thisUpdate().isAfter(now.plus(clockSkew))) {
                return "the " + kind(crl) + " of " + crl.issuer().getName() + " is dated " + crl.thisUpdate()
                        + ", in the future";
            }
        }
        return null;
    }

    private static String describe(CrlIndex full, CrlIndex delta, String origin) {
        String number = full.crlNumber().map(n -> " " + n).orElse("");
        return "complete CRL" + number + " of " + full.issuer().getName() + " from " + origin
                + (delta == null ? "" : " with delta CRL" + delta.crlNumber().map(n -> " " + n).orElse(""));
    }

    private static String kind(CrlIndex crl) {
        return crl.isDelta() ? "delta CRL" : "CRL";
    }
}
