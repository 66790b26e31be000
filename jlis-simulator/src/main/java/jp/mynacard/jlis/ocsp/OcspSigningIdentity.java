package jp.mynacard.jlis.ocsp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * A delegated OCSP responder (RFC 6960 §4.2.2.2) for one CA key (one generation of a CA): a
 * certificate that key issued with
 * id-kp-OCSPSigning, and its private key. The CA key itself never signs OCSP responses, so it can
 * stay offline while the responder key lives next to the HTTP server.
 */
public record OcspSigningIdentity(X509Certificate certificate, PrivateKey key, CertificateUsage usage) {
}
