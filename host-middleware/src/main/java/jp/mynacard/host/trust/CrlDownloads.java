package jp.mynacard.host.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.RevocationView;

/**
 * Revocation status from the CRLs a certificate points to: for each of its distribution points, the
 * complete CRL there and the delta CRL from the freshestCRL extension (of the certificate or of the
 * complete CRL), processed as RFC 5280 §6.3 says ({@link CrlCoverage}, {@link CrlSigners},
 * {@link CrlEvaluation}) until every reason is covered. Each CRL is kept in memory until its
 * nextUpdate, then fetched again; if that fails the expired copy is not used. Thread safe; two
 * validations may occasionally fetch the same CRL twice, which costs time, never correctness.
 */
final class CrlDownloads implements RevocationSource {
    /** CRLs of a national CA run to tens of megabytes. */
    private static final long MAX_CRL_BYTES = 256L * 1024 * 1024;

    /** A CRL that cannot be had, with the reason. */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final RevocationHttp http;
    private final Clock clock;
    private final Duration clockSkew;
    private final CrlSigners signers;
    private final Map<URI, CrlSigners.Verified> cache = new HashMap<>();

    CrlDownloads(RevocationHttp http, Clock clock, Duration clockSkew, CrlSigners signers) {
        this.http = http;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.signers = signers;
    }

    @Override
    public String label() {
        return "CRL";
    }

    @Override
    public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
        return check(new RevocationQuery(cert, issuer, issuer, when, subject));
    }

    @Override
    public RevocationAnswer check(RevocationQuery query) {
        List<CrlDistributionPoint> points;
        try {
            points = CrlDistributionPoint.of(query.certificate());
        } catch (IllegalArgumentException e) {
            return RevocationAnswer.unavailable(e.getMessage());
        }
        if (points.stream().allMatch(p -> p.urls().isEmpty())) {
            return RevocationAnswer.unavailable("the certificate names no http CRL distribution point");
        }
        CrlEvaluation evaluation = new CrlEvaluation(query, clock.instant(), clockSkew);
        for (CrlDistributionPoint point : points) {
            for (URI url : point.urls()) {
                if (!evaluation.wants(point.reasons())) {
                    break;
                }
                try {
                    offer(url, point, points, query, evaluation);
                    break; // one URL of a point is enough
                } catch (Unavailable e) {
                    evaluation.unusable(e.getMessage());
                }
            }
        }
        return evaluation.answer();
    }

    /** The complete CRL at {@code url} and its delta, given to the evaluation if they cover the certificate. */
    private void offer(URI url, CrlDistributionPoint point, List<CrlDistributionPoint> points, RevocationQuery query,
                       CrlEvaluation evaluation) throws Unavailable {
        CrlIndex full = crl(url, query, false).crl();
        if (full.isDelta()) {
            throw new Unavailable(url + " serves a delta CRL where the complete CRL belongs");
        }
        CrlCoverage coverage = CrlCoverage.of(full, query.certificate(), points);
        if (!coverage.covers()) {
            throw new Unavailable("the CRL at " + url + " does not cover the certificate: " + coverage.why());
        }
        Set<URI> deltaPoints = new LinkedHashSet<>();
        try {
            deltaPoints.addAll(PublicationPoints.deltaCrls(query.certificate()));
            full.freshestCrl().ifPresent(ext -> deltaPoints.addAll(PublicationPoints.distributionPoints(ext)));
        } catch (IllegalArgumentException e) {
            evaluation.listedIn(full, null, url.toString()); // what it lists still counts
            throw new Unavailable("the freshestCRL extension is unreadable");
        }
        if (deltaPoints.isEmpty()) {
            evaluation.offer(full, null, coverage.reasons(), url.toString());
            return;
        }
        // a delta is published for freshness: when one is announced, answering good without it would hide recent revocations
        URI deltaUrl = deltaPoints.iterator().next();
        CrlIndex delta;
        try {
            delta = crl(deltaUrl, query, false).crl();
            if (!delta.isDelta()) {
                throw new Unavailable(deltaUrl + " serves a complete CRL where the delta CRL belongs");
            }
            if (full.crlNumber().isPresent()
                    && delta.baseCrlNumber().orElseThrow().compareTo(full.crlNumber().get()) > 0) {
                // the centre published a new complete CRL after the one we hold: get it
                full = crl(url, query, true).crl();
            }
            RevocationView.of(full, delta);
        } catch (Unavailable | IllegalArgumentException e) {
            String why = e instanceof Unavailable ? e.getMessage()
                    : "the delta CRL at " + deltaUrl + " does not fit the complete CRL at " + url + ": " + e.getMessage();
            evaluation.note("delta CRL at " + deltaUrl + " not used: " + why);
            evaluation.listedIn(full, null, url.toString()); // a certificate the complete CRL lists is still refused
            throw new Unavailable(why);
        }
        evaluation.offer(full, delta, coverage.reasons(), url.toString());
    }

    /** The CRL at {@code url}, from the cache while before its nextUpdate and its signer fits, else fetched and verified. */
    private CrlSigners.Verified crl(URI url, RevocationQuery query, boolean refresh) throws Unavailable {
        Instant now = clock.instant();
        CrlSigners.Verified cached;
        synchronized (cache) {
            cached = cache.get(url);
        }
        if (!refresh && cached != null && cached.crl().nextUpdate().isPresent()
                && now.isBefore(cached.crl().nextUpdate().get()) && signers.acceptable(cached.signer(), query)) {
            return cached;
        }
        CrlSigners.Verified fresh;
        try {
            byte[] der = http.get(url, MAX_CRL_BYTES);
            CrlIndex header = CrlIndex.header(new ByteArrayInputStream(der));
            fresh = signers.verify(header, () -> new ByteArrayInputStream(der), query);
        } catch (CrlSigners.Unverified e) {
            throw new Unavailable(url + " serves a CRL that " + e.getMessage());
        } catch (CrlFormatException e) {
            throw new Unavailable(url + " serves a malformed CRL: " + e.getMessage());
        } catch (IOException e) {
            throw new Unavailable((e.getMessage().startsWith(url.toString()) ? e.getMessage() : url + ": " + e.getMessage())
                    + (cached == null ? "" : "; the CRL held from before expired at " + cached.crl().nextUpdate().orElse(null)));
        }
        synchronized (cache) {
            cache.put(url, fresh);
        }
        return fresh;
    }
}
