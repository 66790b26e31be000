package jp.mynacard.host.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlVerificationException;
import jp.mynacard.host.revocation.RevocationView;
import jp.mynacard.host.revocation.RevokedEntry;

/**
 * Revocation status from CRL files given by the caller (offline validation). A file's issuer is
 * only known once it is checked against a CA certificate, so files are tried against each issuer
 * on demand and the indexes kept per issuer.
 */
final class CrlRevocation implements RevocationSource {

    private final List<Path> files;
    private final Duration clockSkew;
    private final Clock clock;
    private final Map<X509Certificate, Object> views = new HashMap<>(); // RevocationView or String (why none)

    CrlRevocation(List<Path> files, Duration clockSkew, Clock clock) {
        this.files = List.copyOf(files);
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public String label() {
        return "CRL";
    }

    /** The status of {@code cert} (issued by {@code issuer}) at {@code at}, by the CRL files. */
    @Override
    public synchronized RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant at, String subject) {
        if (files.isEmpty()) {
            return RevocationAnswer.unavailable("no CRL given");
        }
        Instant now = clock.instant();
        Object v = views.computeIfAbsent(issuer, this::load);
        if (v instanceof String why) {
            return RevocationAnswer.unavailable(why);
        }
        return answer((RevocationView) v, cert, at, now, clockSkew, subject);
    }

    /**
     * What a verified complete CRL (and delta) say about {@code cert} at {@code at}: nothing if one
     * of them expired before {@code at} or is dated after {@code now}, beyond the clock skew.
     */
    static RevocationAnswer answer(RevocationView view, X509Certificate cert, Instant at, Instant now,
                                   Duration clockSkew, String subject) {
        // A stale CRL proves nothing: the certificate may have been revoked since.
        for (CrlIndex crl : view.delta().isPresent() ? List.of(view.full(), view.delta().get()) : List.of(view.full())) {
            String kind = crl.isDelta() ? "delta CRL" : "CRL";
            if (crl.isStale(at.minus(clockSkew))) {
                return RevocationAnswer.unavailable("the " + kind + " of " + crl.issuer().getName() + " expired at "
                        + crl.nextUpdate().orElseThrow());
            }
            if (crl.thisUpdate().isAfter(now.plus(clockSkew))) {
                return RevocationAnswer.unavailable("the " + kind + " of " + crl.issuer().getName() + " is dated "
                        + crl.thisUpdate() + ", in the future");
            }
        }
        Optional<RevokedEntry> entry = view.lookup(cert.getSerialNumber());
        // An entry revoked after the validation time did not affect the certificate then.
        if (entry.isPresent() && !entry.get().revocationDate().isAfter(at)) {
            RevokedEntry e = entry.get();
            return RevocationAnswer.of(ValidationResult.revoked(subject, e.revocationDate(),
                    e.reason().orElse(null), ValidationResult.CRL));
        }
        return RevocationAnswer.of(ValidationResult.valid(subject, ValidationResult.CRL, ""));
    }

    private Object load(X509Certificate issuer) {
        CrlIndex full = null;
        CrlIndex delta = null;
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                CrlIndex crl = CrlIndex.load(file, issuer);
                if (crl.isDelta()) {
                    delta = newer(delta, crl);
                } else {
                    full = newer(full, crl);
                }
            } catch (CrlVerificationException e) {
                // usually another CA's CRL; only worth reporting if none of the files fits
                errors.add(file.getFileName() + ": " + e.getMessage());
            } catch (IOException | CrlFormatException e) {
                errors.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        if (full == null) {
            return "no CRL of " + issuer.getSubjectX500Principal().getName() + " among the given CRLs"
                    + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")");
        }
        try {
            return RevocationView.of(full, delta);
        } catch (IllegalArgumentException e) {
            return RevocationView.of(full); // a delta that does not fit this complete CRL is ignored
        }
    }

    private static CrlIndex newer(CrlIndex a, CrlIndex b) {
        return a == null || b.thisUpdate().isAfter(a.thisUpdate()) ? b : a;
    }
}
