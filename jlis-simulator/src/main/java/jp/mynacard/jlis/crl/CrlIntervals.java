package jp.mynacard.jlis.crl;

import java.time.Duration;

/** How often full and delta CRLs are published; each CRL's nextUpdate is its thisUpdate plus its interval. */
public record CrlIntervals(Duration full, Duration delta) {
    /** A full CRL a day and a delta every quarter hour. */
    public static final CrlIntervals DEFAULT = new CrlIntervals(Duration.ofHours(24), Duration.ofMinutes(15));

    public CrlIntervals {
        if (full.isNegative() || full.isZero() || delta.isNegative() || delta.isZero()) {
            throw new IllegalArgumentException("CRL intervals must be positive: full " + full + ", delta " + delta);
        }
    }
}
