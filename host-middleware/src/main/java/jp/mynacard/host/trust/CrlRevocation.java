package jp.mynacard.host.trust;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.RevocationView;

/**
 * Revocation status from CRL files given by the caller (offline validation), processed as RFC 5280
 * §6.3 says: each file's header says whose CRL it is and what it covers ({@link CrlCoverage}); the
 * ones covering the certificate are verified by an acceptable signer ({@link CrlSigners}), each with
 * the newest delta CRL among the files that fits it, until every reason is covered
 * ({@link CrlEvaluation}). The order of the files does not matter.
 */
final class CrlRevocation implements RevocationSource {

    private final List<Path> files;
    private final Duration clockSkew;
    private final Clock clock;
    private final CrlSigners signers;
    /** Per file: its header (a CrlIndex without entries) or why it cannot be read. */
    private final Map<Path, Object> headers = new HashMap<>();
    private final Map<Path, CrlSigners.Verified> verified = new HashMap<>();

    CrlRevocation(List<Path> files, Duration clockSkew, Clock clock, CrlSigners signers) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Path::toString));
        this.files = List.copyOf(sorted);
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.signers = signers;
    }

    @Override
    public String label() {
        return "CRL";
    }

    @Override
    public RevocationAnswer check(X509Certificate cert, X509Certificate issuer,
                                  Instant when, String subject) {
        return check(new RevocationQuery(cert, issuer, issuer, when, subject));
    }

    @Override
    public synchronized RevocationAnswer check(RevocationQuery query) {
        if (files.isEmpty()) {
            return RevocationAnswer.unavailable("no CRL given");
        }
        List<CrlDistributionPoint> points;
        try {
            points = CrlDistributionPoint.of(query.certificate());
        } catch (IllegalArgumentException e) {
            return RevocationAnswer.unavailable(e.getMessage());
        }
        CrlEvaluation evaluation = new CrlEvaluation(query, clock.instant(), clockSkew);
        List<String> notCovering = new ArrayList<>();
        List<Path> outOfScope = new ArrayList<>();
        boolean any = false;
        for (Path file : files) {
            headers.computeIfAbsent(file, CrlRevocation::header);
        }
        for (Path file : files) {
            Object h = headers.get(file);
            if (h instanceof String why) {
                notCovering.add(why);
                continue;
            }
            CrlIndex header = (CrlIndex) h;
            if (header.isDelta()) {
                continue;
            }
            CrlCoverage coverage = CrlCoverage.of(header, query.certificate(), points);
            if (!coverage.covers()) {
                notCovering.add(file.getFileName() + ": " + coverage.why());
                if (header.issuer().equals(query.certificate().getIssuerX500Principal()) || header.scope().indirect()) {
                    outOfScope.add(file);
                }
                continue;
            }
            any = true;
            if (!evaluation.wants(coverage.reasons())) {
                continue;
            }
            CrlSigners.Verified full = verify(file, header, query, evaluation);
            if (full != null) {
                evaluation.offer(full.crl(), delta(full.crl(), query, evaluation), coverage.reasons(),
                        file.getFileName().toString());
            }
        }
        listedOutOfScope(outOfScope, query, evaluation);
        if (!any && !evaluation.done()) {
            return RevocationAnswer.unavailable("no CRL of " + query.certificate().getIssuerX500Principal().getName()
                    + " covering the certificate among the given CRLs"
                    + (notCovering.isEmpty() ? "" : " (" + String.join("; ", notCovering) + ")"));
        }
        return evaluation.answer();
    }

    /**
     * A CRL of the certificate's issuer that does not cover it (another partition, another kind of
     * certificate) cannot show it good; but if it lists it, the CA revoked it: no mode accepts that.
     */
    private void listedOutOfScope(List<Path> files, RevocationQuery query, CrlEvaluation evaluation) {
        for (Path file : files) {
            if (evaluation.revoked()) {
                return;
            }
            CrlSigners.Verified v = verify(file, (CrlIndex) headers.get(file), query, new CrlEvaluation(query,
                    clock.instant(), clockSkew));
            if (v != null) {
                evaluation.listedIn(v.crl(), null, file.getFileName() + ", which does not cover the certificate");
            }
        }
    }

    /** The file's CRL verified for this query, from what was verified before when its signer is acceptable here. */
    private CrlSigners.Verified verify(Path file, CrlIndex header, RevocationQuery query, CrlEvaluation evaluation) {
        CrlSigners.Verified known = verified.get(file);
        if (known != null && signers.acceptable(known.signer(), query)) {
            return known;
        }
        try {
            CrlSigners.Verified v = signers.verify(header, () -> Files.newInputStream(file), query);
            verified.put(file, v);
            return v;
        } catch (CrlSigners.Unverified | IOException | CrlFormatException e) {
            evaluation.unusable(file.getFileName() + ": " + e.getMessage());
            return null;
        }
    }

    /** The newest delta among the files that verifies and fits {@code full}; the others are noted, not silently dropped. */
    private CrlIndex delta(CrlIndex full, RevocationQuery query, CrlEvaluation evaluation) {
        CrlIndex best = null;
        for (Path file : files) {
            Object h = headers.get(file);
            if (!(h instanceof CrlIndex header) || !header.isDelta() || !header.issuer().equals(full.issuer())
                    || !header.scope().equals(full.scope())) {
                continue;
            }
            CrlSigners.Verified v = verify(file, header, query, evaluation);
            if (v == null) {
                continue;
            }
            try {
                RevocationView.of(full, v.crl());
            } catch (IllegalArgumentException e) {
                evaluation.note("delta CRL " + file.getFileName() + " not used: " + e.getMessage());
                continue;
            }
            if (best == null || v.crl().crlNumber().orElse(BigInteger.ZERO)
                    .compareTo(best.crlNumber().orElse(BigInteger.ZERO)) > 0) {
                best = v.crl();
            }
        }
        return best;
    }

    private static Object header(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CrlIndex.header(in);
        } catch (IOException | CrlFormatException e) {
            return file.getFileName() + ": " + e.getMessage();
        }
    }
}
