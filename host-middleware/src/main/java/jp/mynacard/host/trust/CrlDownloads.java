package jp.mynacard.host.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlVerificationException;
import jp.mynacard.host.revocation.RevocationView;

/**
 * Revocation status from the CRLs a certificate points to: the complete CRL from its CRL
 * distribution point and the delta CRL from the freshestCRL extension (of the certificate or of the
 * complete CRL). Each CRL is verified against the issuing CA and kept in memory until its
 * nextUpdate, then fetched again; if that fails the expired copy is not used. Thread safe; two
 * validations may occasionally fetch the same CRL twice, which costs time, never correctness.
 */
final class CrlDownloads implements RevocationSource {
    /** CRLs of a national CA run to tens of megabytes. */
    private static final long MAX_CRL_BYTES = 256L * 1024 * 1024;

    private record Key(URI url, X509Certificate issuer) {
    }

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
    private final Map<Key, CrlIndex> cache = new HashMap<>();

    CrlDownloads(RevocationHttp http, Clock clock, Duration clockSkew) {
        this.http = http;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    @Override
    public String label() {
        return "CRL";
    }

    @Override
    public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
        List<URI> points;
        try {
            points = PublicationPoints.crls(cert);
        } catch (IllegalArgumentException e) {
            return RevocationAnswer.unavailable("the certificate's cRLDistributionPoints is unreadable");
        }
        if (points.isEmpty()) {
            return RevocationAnswer.unavailable("the certificate names no http CRL distribution point");
        }
        List<String> why = new ArrayList<>();
        for (URI url : points) {
            try {
                RevocationView view = view(cert, issuer, url);
                return CrlRevocation.answer(view, cert, when, clock.instant(), clockSkew, subject);
            } catch (Unavailable e) {
                why.add(e.getMessage());
            }
        }
        return RevocationAnswer.unavailable(String.join("; ", why));
    }

    private RevocationView view(X509Certificate cert, X509Certificate issuer, URI url) throws Unavailable {
        CrlIndex full = crl(url, issuer, false);
        if (full.isDelta()) {
            throw new Unavailable(url + " serves a delta CRL where the complete CRL belongs");
        }
        Set<URI> deltaPoints = new LinkedHashSet<>();
        try {
            deltaPoints.addAll(PublicationPoints.deltaCrls(cert));
            full.freshestCrl().ifPresent(ext -> deltaPoints.addAll(PublicationPoints.distributionPoints(ext)));
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the freshestCRL extension is unreadable");
        }
        if (deltaPoints.isEmpty()) {
            return RevocationView.of(full);
        }
        // a delta is published for freshness: when one is announced, answering without it would hide recent revocations
        URI deltaUrl = deltaPoints.iterator().next();
        CrlIndex delta = crl(deltaUrl, issuer, false);
        if (!delta.isDelta()) {
            throw new Unavailable(deltaUrl + " serves a complete CRL where the delta CRL belongs");
        }
        if (full.crlNumber().isPresent() && delta.baseCrlNumber().orElseThrow().compareTo(full.crlNumber().get()) > 0) {
            // the centre published a new complete CRL after the one we hold: get it
            full = crl(url, issuer, true);
        }
        try {
            return RevocationView.of(full, delta);
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the delta CRL at " + deltaUrl + " does not fit the complete CRL at " + url + ": "
                    + e.getMessage());
        }
    }

    /** The CRL at {@code url}, from the cache while before its nextUpdate, else fetched and verified. */
    private CrlIndex crl(URI url, X509Certificate issuer, boolean refresh) throws Unavailable {
        Key key = new Key(url, issuer);
        Instant now = clock.instant();
        CrlIndex cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        if (!refresh && cached != null && cached.nextUpdate().isPresent() && now.isBefore(cached.nextUpdate().get())) {
            return cached;
        }
        CrlIndex fresh;
        try {
            byte[] der = http.get(url, MAX_CRL_BYTES);
            fresh = CrlIndex.load(new ByteArrayInputStream(der), issuer);
        } catch (CrlVerificationException e) {
            throw new Unavailable(url + " serves a CRL not signed by " + issuer.getSubjectX500Principal().getName()
                    + ": " + e.getMessage());
        } catch (CrlFormatException e) {
            throw new Unavailable(url + " serves a malformed CRL: " + e.getMessage());
        } catch (IOException e) {
            throw new Unavailable((e.getMessage().startsWith(url.toString()) ? e.getMessage() : url + ": " + e.getMessage())
                    + (cached == null ? "" : "; the CRL held from before expired at " + cached.nextUpdate().orElse(null)));
        }
        synchronized (cache) {
            cache.put(key, fresh);
        }
        return fresh;
    }
}
