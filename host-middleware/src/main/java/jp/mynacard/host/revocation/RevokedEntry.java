package jp.mynacard.host.revocation;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.Optional;

/**
 * One revoked certificate, materialised on lookup from the compact index.
 *
 * @param serialNumber    the certificate serial number
 * @param revocationDate  revocationDate of the entry (second precision)
 * @param reason          the reasonCode entry extension, if present
 * @param invalidityDate  the invalidityDate entry extension, if present (second precision)
 */
public record RevokedEntry(BigInteger serialNumber, Instant revocationDate, Optional<CRLReason> reason,
                           Optional<Instant> invalidityDate) {
}
