package jp.mynacard.host.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.host.revocation.CrlIndex;

/**
 * The certificates a CRL's signer may be among (the anchors, the intermediates given, and those its
 * caIssuers URLs serve, fetched once each when fetching is on), and whether one has a valid path to
 * a given anchor.
 */
final class CrlSignerPaths implements CrlSigners.Paths {
    private static final long MAX_CERTIFICATES_BYTES = 1024 * 1024;

    private final List<X509Certificate> known;
    private final RevocationHttp http; // null: nothing fetched
    private final Map<URI, List<X509Certificate>> fetched = new HashMap<>();

    CrlSignerPaths(List<X509Certificate> anchors, List<X509Certificate> intermediates, RevocationHttp http) {
        List<X509Certificate> all = new ArrayList<>(anchors);
        all.addAll(intermediates);
        this.known = List.copyOf(all);
        this.http = http;
    }

    @Override
    public Collection<X509Certificate> candidates(CrlIndex header) {
        List<X509Certificate> all = new ArrayList<>(known);
        if (http != null) {
            for (URI url : header.caIssuers()) {
                all.addAll(fetch(url));
            }
        }
        return all;
    }

    @Override
    public boolean chainsTo(X509Certificate signer, X509Certificate anchor, Instant when) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
            List<X509Certificate> store = new ArrayList<>(known);
            synchronized (fetched) {
                fetched.values().forEach(store::addAll);
            }
            store.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            params.setDate(Date.from(when));
            params.setRevocationEnabled(false);
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private List<X509Certificate> fetch(URI url) {
        synchronized (fetched) {
            List<X509Certificate> got = fetched.get(url);
            if (got != null) {
                return got;
            }
        }
        List<X509Certificate> certs = new ArrayList<>();
        try {
            byte[] der = http.get(url, MAX_CERTIFICATES_BYTES);
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
                certs.add((X509Certificate) c);
            }
        } catch (IOException | GeneralSecurityException e) {
            // a signer that cannot be fetched is as good as none: the CRL is then reported unverified
        }
        synchronized (fetched) {
            fetched.put(url, List.copyOf(certs));
        }
        return certs;
    }
}
