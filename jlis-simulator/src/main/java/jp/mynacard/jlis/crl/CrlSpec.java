package jp.mynacard.jlis.crl;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;

/**
 * What one CRL says: its number, validity, the registry's change window (after, upTo] it lists,
 * and either the delta CRL it points to (a full CRL) or the base CRL number it extends (a delta).
 *
 * @param freshestCrl full CRLs only: where the delta CRL is published; null for none
 * @param baseNumber  delta CRLs only: the CRL number of the full CRL built at sequence {@code after}
 */
public record CrlSpec(BigInteger number, Instant thisUpdate, Instant nextUpdate, long after, long upTo,
        URI freshestCrl, BigInteger baseNumber) {

    public CrlSpec {
        if (nextUpdate.isBefore(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate " + nextUpdate + " before thisUpdate " + thisUpdate);
        }
        if (after > upTo) {
            throw new IllegalArgumentException("empty change window (" + after + ", " + upTo + "]");
        }
        if (baseNumber != null && freshestCrl != null) {
            throw new IllegalArgumentException("a delta CRL does not point to a further delta CRL");
        }
    }

    /** A complete CRL of everything revoked or suspended up to {@code upTo}. */
    public static CrlSpec full(BigInteger number, Instant thisUpdate, Instant nextUpdate, long upTo, URI deltaCrl) {
        return new CrlSpec(number, thisUpdate, nextUpdate, 0, upTo, deltaCrl, null);
    }

    /** The changes after the full CRL numbered {@code baseNumber}, which was built at sequence {@code after}. */
    public static CrlSpec delta(BigInteger number, Instant thisUpdate, Instant nextUpdate, long after, long upTo,
            BigInteger baseNumber) {
        return new CrlSpec(number, thisUpdate, nextUpdate, after, upTo, null, baseNumber);
    }

    public boolean isDelta() {
        return baseNumber != null;
    }
}
