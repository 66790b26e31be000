package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One place a revocation status can come from: OCSP ({@link OcspClient}), CRL files given by the
 * caller ({@link CrlRevocation}), the CRLs a certificate points to ({@link CrlDownloads}). The
 * validator asks its sources in order, and the first that answers decides; a new kind of source
 * implements this and is added with {@link CertificateValidator.Builder#revocationSource}.
 */
public interface RevocationSource {
    /** How the validator names the source when it has no answer: "OCSP", "CRL". */
    String label();

    /**
     * The status of {@code cert}, issued by {@code issuer}, at {@code when}: a result, or why this
     * source has none. {@code subject} names the certificate in messages.
     */
    RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject);

    /**
     * The same question with the path's trust anchor, which the validator asks; a source that needs
     * the anchor (the CRL sources: a CRL's signer must chain to it) overrides this one.
     */
    default RevocationAnswer check(RevocationQuery query) {
        return check(query.certificate(), query.issuer(), query.when(), query.subject());
    }
}
