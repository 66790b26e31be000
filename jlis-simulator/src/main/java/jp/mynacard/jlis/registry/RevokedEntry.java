package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of a CRL: a revoked or suspended certificate; invalidityDate may be null. */
public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason, Instant invalidityDate) {
}
