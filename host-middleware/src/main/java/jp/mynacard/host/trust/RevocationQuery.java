package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One question to a {@link RevocationSource}: the status at {@code when} of {@code certificate},
 * which {@code issuer} issued in a path that ends at the trust anchor {@code anchor}. The anchor is
 * what a CRL's signer must chain to (RFC 5280 §6.3.3 (f)).
 *
 * @param subject names the certificate in messages
 */
public record RevocationQuery(X509Certificate certificate, X509Certificate issuer, X509Certificate anchor,
                              Instant when, String subject) {
}
