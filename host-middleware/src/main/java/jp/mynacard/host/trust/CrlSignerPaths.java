package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynacard.host.revocation.CrlIndex;

/**
 * The certificates a CRL's signer may be among (the anchors, the intermediates given, and what
 * caIssuers URLs served, the CRL's own included, fetched once each when fetching is on), and whether
 * one has a valid path to a given anchor: found by the same key-identifier path building as any
 * certificate, through every certificate fetched so far (a CRL signer's certificate names no
 * caIssuers of its own; its CRL did), and without the relying party's policy inputs, which are
 * about the certificates it accepts, not the CA's CRL keys.
 */
final class CrlSignerPaths implements CrlSigners.Paths {
    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final CaIssuersDownloads downloads; // null: nothing fetched
    private final Map<List<X509Certificate>, Window> windows = new ConcurrentHashMap<>();

    CrlSignerPaths(List<X509Certificate> anchors, List<X509Certificate> intermediates, CaIssuersDownloads downloads) {
        this.anchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(intermediates);
        this.downloads = downloads;
    }

    @Override
    public Collection<X509Certificate> candidates(CrlIndex header) {
        List<X509Certificate> all = new ArrayList<>(anchors);
        all.addAll(intermediates);
        if (downloads != null) {
            // fetched once and kept: then among everything fetched so far. A fetch that fails leaves
            // the CRL unverified, which says so itself
            downloads.at(header.caIssuers(), new ArrayList<>());
            all.addAll(downloads.fetched());
        }
        return all;
    }

    @Override
    public boolean chainsTo(X509Certificate signer, X509Certificate anchor, Instant when) {
        List<X509Certificate> key = List.of(signer, anchor);
        Window known = windows.get(key);
        if (known != null && known.contains(when)) {
            return true;
        }
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        if (downloads != null) {
            pool.addAll(downloads.fetched());
        }
        List<CertificationPath> valid = new CertificationPathBuilder(anchors, pool, downloads, PolicyInputs.ANY)
                .validPaths(signer, when, anchor).valid();
        if (valid.isEmpty()) {
            return false;
        }
        windows.put(key, Window.of(valid.get(0).certificates()));
        return true;
    }

    /**
     * When a path found valid stays valid: while every certificate in it is (signatures and names do
     * not change). Keeps every CRL of a validation from running PKIX again for the same signer.
     */
    private record Window(Instant from, Instant to) {
        static Window of(List<X509Certificate> path) {
            Instant from = Instant.MIN;
            Instant to = Instant.MAX;
            for (X509Certificate c : path) {
                Instant notBefore = c.getNotBefore().toInstant();
                Instant notAfter = c.getNotAfter().toInstant();
                from = notBefore.isAfter(from) ? notBefore : from;
                to = notAfter.isBefore(to) ? notAfter : to;
            }
            return new Window(from, to);
        }

        boolean contains(Instant when) {
            return !when.isBefore(from) && !when.isAfter(to);
        }
    }
}
