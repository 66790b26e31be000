package jp.mynacard.jlis.ca;

import java.net.URI;

/**
 * Where the centre publishes revocation information, as written into every certificate it
 * issues: the CRL distribution point, the delta CRL (FreshestCRL), the OCSP responder and the
 * issuing CA generation's certificate (AIA).
 */
public record PublicationPoints(URI base) {
    public PublicationPoints {
        String text = base.toString();
        if (!text.endsWith("/")) {
            base = URI.create(text + "/");
        }
        if (!"http".equals(base.getScheme())) {
            // RFC 5280 §4.2.1.13: relying parties fetch CRLs over plain HTTP; they are signed already
            throw new IllegalArgumentException("the public URL must be http://, not " + text);
        }
    }

    public static PublicationPoints at(String baseUrl) {
        return new PublicationPoints(URI.create(baseUrl));
    }

    public URI crl(CertificateUsage usage) {
        return base.resolve("crl/" + usage.shortName() + ".crl");
    }

    public URI deltaCrl(CertificateUsage usage) {
        return base.resolve("crl/" + usage.shortName() + "-delta.crl");
    }

    /** The CRL of what a CA issued to its own infrastructure (link certificates, a CRL signer): {@code crl/sign-ca.crl}. */
    public URI infrastructureCrl(CertificateUsage usage) {
        return base.resolve("crl/" + usage.shortName() + "-ca.crl");
    }

    /** Where one generation's CA certificate is served, DER: {@code ca/sign-g2.der}; AIA caIssuers names it. */
    public URI caCertificate(CertificateUsage usage, int generation) {
        return base.resolve("ca/" + usage.shortName() + "-g" + generation + ".der");
    }

    public URI ocsp() {
        return base.resolve("ocsp");
    }
}
