package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jp.mynacard.host.revocation.CrlIndex;

/**
 * The certificates a CRL's signer may be among (every certificate the path builder knows, and those
 * the CRL's own caIssuers URLs serve, fetched once each when fetching is on), and whether one has a
 * valid path to a given anchor: found by the same key-identifier path building as any certificate,
 * without the relying party's policy inputs, which are about the certificates it accepts, not the
 * CA's CRL keys.
 */
final class CrlSignerPaths implements CrlSigners.Paths {
    private final CertificationPathBuilder builder;
    private final CaIssuersDownloads downloads; // null: nothing fetched

    CrlSignerPaths(CertificationPathBuilder builder, CaIssuersDownloads downloads) {
        this.builder = builder;
        this.downloads = downloads;
    }

    @Override
    public Collection<X509Certificate> candidates(CrlIndex header) {
        List<X509Certificate> all = new ArrayList<>(builder.candidates());
        if (downloads != null) {
            // a fetch that fails leaves the CRL unverified, which says so itself
            all.addAll(downloads.at(header.caIssuers(), new ArrayList<>()));
        }
        return all;
    }

    @Override
    public boolean chainsTo(X509Certificate signer, X509Certificate anchor, Instant when) {
        return !builder.validPaths(signer, when, anchor).valid().isEmpty();
    }
}
