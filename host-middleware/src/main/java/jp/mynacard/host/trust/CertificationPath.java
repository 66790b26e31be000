package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A path from a certificate up to a trust anchor.
 *
 * @param certificates the target first, then each issuer above it; the anchor not included
 * @param anchor       the trusted certificate whose key signed the last of {@code certificates}
 */
record CertificationPath(List<X509Certificate> certificates, X509Certificate anchor) {
    CertificationPath {
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(anchor, "anchor");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a path holds at least its target");
        }
    }

    X509Certificate target() {
        return certificates.get(0);
    }
}
