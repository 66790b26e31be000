package jp.mynacard.jlis.ocsp;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/**
 * Says what the registry's record means in OCSP (RFC 6960 §2.2): good, revoked with time and
 * reason (a suspension is revoked with certificateHold), or unknown for a serial never issued.
 */
final class CertificateStatusMapper {

    SingleAnswer answer(CertificateID id, Optional<CertificateRecord> found) {
        if (found.isEmpty()) {
            return new SingleAnswer(id, new UnknownStatus(), null);
        }
        CertificateRecord record = found.get();
        switch (record.state()) {
            case GOOD:
                return new SingleAnswer(id, CertificateStatus.GOOD, null);
            case SUSPENDED:
                return new SingleAnswer(id, new RevokedStatus(seconds(record.revokedAt()),
                        RevocationReason.CERTIFICATE_HOLD.code()), null);
            case REVOKED:
                RevocationReason reason = record.reason();
                CertificateStatus revoked = reason == null
                        ? new RevokedStatus(seconds(record.revokedAt()))
                        : new RevokedStatus(seconds(record.revokedAt()), reason.code());
                return new SingleAnswer(id, revoked, invalidityDate(record));
            default:
                throw new IllegalStateException("unmapped certificate state " + record.state());
        }
    }

    /** RFC 6960 §4.4.7 allows the CRL entry extensions as singleExtensions; invalidityDate tells when the key went bad. */
    private static Extensions invalidityDate(CertificateRecord record) {
        if (record.invalidityDate() == null) {
            return null;
        }
        try {
            return new Extensions(new Extension(Extension.invalidityDate, false,
                    new ASN1GeneralizedTime(seconds(record.invalidityDate())).getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5280 §4.1.2.5.2: GeneralizedTime without fractional seconds. */
    private static Date seconds(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
