package jp.mynacard.jlis.ocsp;

import java.time.Duration;

/**
 * How long a response is valid (thisUpdate to nextUpdate; short, because a client may rely on a
 * good answer for that long after a revocation), how many pre-signed responses are kept, and the
 * largest request answered.
 */
public record OcspResponderSettings(Duration responseValidity, int maxCachedResponses, int maxRequestBytes,
        int maxCertificateIds) {

    public static final OcspResponderSettings DEFAULTS = new OcspResponderSettings(Duration.ofHours(1), 100_000, 8 * 1024, 20);

    public OcspResponderSettings {
        if (responseValidity.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("response validity must be at least 2 seconds, not " + responseValidity);
        }
        if (maxCachedResponses < 0 || maxRequestBytes < 1 || maxCertificateIds < 1) {
            throw new IllegalArgumentException("OCSP limits must be positive");
        }
    }

    public OcspResponderSettings withResponseValidity(Duration validity) {
        return new OcspResponderSettings(validity, maxCachedResponses, maxRequestBytes, maxCertificateIds);
    }

    public OcspResponderSettings withMaxCachedResponses(int max) {
        return new OcspResponderSettings(responseValidity, max, maxRequestBytes, maxCertificateIds);
    }
}
