package jp.mynacard.jlis.crl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERUTCTime;

/** The DER times of a CRL, to RFC 5280 §5.1.2.4: whole seconds in UTC, UTCTime up to 2049. */
final class CrlTime {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    /** 2050-01-01T00:00:00Z: from here on a two-digit year would read as 19xx. */
    private static final Instant UTC_TIME_END = Instant.parse("2050-01-01T00:00:00Z");

    private CrlTime() {
    }

    /** thisUpdate, nextUpdate and revocationDate: UTCTime until 2049, GeneralizedTime from 2050. */
    static ASN1Primitive time(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return seconds.isBefore(UTC_TIME_END) ? new DERUTCTime(UTC_TIME.format(seconds)) : generalized(seconds);
    }

    /** The invalidityDate entry extension, which is always a GeneralizedTime (§5.3.2). */
    static DERGeneralizedTime generalized(Instant instant) {
        return new DERGeneralizedTime(GENERALIZED.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }
}
