package jp.mynacard.host.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates of a certificate's issuer, fetched from its authorityInfoAccess caIssuers http URLs
 * (RFC 5280 §4.2.2.1): a DER certificate or a PKCS#7 certs-only bundle. What a URL gave is kept for
 * the life of the validator (the centre publishes each CA generation at a URL of its own); a
 * failure is not kept, so the next validation tries again. Thread safe.
 */
final class CaIssuersDownloads {
    /** A CA certificate is a few kilobytes; a bundle of every generation and link a few dozen. */
    private static final long MAX_BYTES = 1024 * 1024;

    private final RevocationHttp http;
    private final Map<URI, List<X509Certificate>> cache = new ConcurrentHashMap<>();

    CaIssuersDownloads(RevocationHttp http) {
        this.http = http;
    }

    /** The certificates published for {@code cert}'s issuer; the reason of each URL that failed goes to {@code why}. */
    List<X509Certificate> issuersOf(X509Certificate cert, List<String> why) {
        return at(PublicationPoints.caIssuers(cert), why);
    }

    /** The certificates these caIssuers URLs publish (a certificate's, or a CRL's); each failure goes to {@code why}. */
    List<X509Certificate> at(List<URI> urls, List<String> why) {
        List<X509Certificate> found = new ArrayList<>();
        for (URI url : urls) {
            List<X509Certificate> certs = cache.get(url);
            if (certs == null) {
                try {
                    certs = parse(url, http.get(url, MAX_BYTES));
                    cache.put(url, certs);
                } catch (IOException e) {
                    why.add("caIssuers " + e.getMessage());
                    continue;
                }
            }
            found.addAll(certs);
        }
        return found;
    }

    /** Every certificate fetched so far. */
    List<X509Certificate> fetched() {
        List<X509Certificate> all = new ArrayList<>();
        cache.values().forEach(all::addAll);
        return all;
    }

    private static List<X509Certificate> parse(URI url, byte[] body) throws IOException {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            // generateCertificates reads one DER or PEM certificate as well as a PKCS#7 bundle
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException(url + ": no certificate in the answer");
            }
            return List.copyOf(certs);
        } catch (CertificateException e) {
            throw new IOException(url + ": not a certificate (" + e.getMessage() + ")", e);
        }
    }
}
