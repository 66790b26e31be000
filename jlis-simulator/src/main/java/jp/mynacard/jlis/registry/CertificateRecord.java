package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The registry's answer for one certificate. For GOOD, reason, revokedAt and invalidityDate are
 * null; for SUSPENDED the reason is CERTIFICATE_HOLD. {@code sequence} is the registry-wide
 * change number of the last change to this certificate (its issuance for a good one): a cached
 * OCSP response made at that sequence is still true as long as the sequence is unchanged.
 */
public record CertificateRecord(
        CertificateUsage usage,
        BigInteger serial,
        CertificateState state,
        RevocationReason reason,
        Instant revokedAt,
        Instant invalidityDate,
        Instant notAfter,
        long sequence) {
}
