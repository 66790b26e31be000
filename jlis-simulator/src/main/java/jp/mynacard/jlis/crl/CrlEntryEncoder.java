package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevokedEntry;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;

/**
 * One revokedCertificates entry as DER: serial, revocationDate, and the entry extensions
 * reasonCode (always, certificateHold included) and invalidityDate (when known).
 */
final class CrlEntryEncoder {
    /** One reasonCode extension per reason: there are only five, and a CRL may hold millions of entries. */
    private final Map<RevocationReason, Extension> reasonCodes = new EnumMap<>(RevocationReason.class);

    CrlEntryEncoder() {
        for (RevocationReason reason : RevocationReason.values()) {
            reasonCodes.put(reason, extension(Extension.reasonCode, CRLReason.lookup(reason.code())));
        }
    }

    byte[] encode(RevokedEntry entry) {
        Extension reason = reasonCodes.get(entry.reason());
        DERSequence extensions = entry.invalidityDate() == null
                ? new DERSequence(reason)
                : new DERSequence(new Extension[] {reason,
                        extension(Extension.invalidityDate, CrlTime.generalized(entry.invalidityDate()))});
        DERSequence revoked = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(entry.serial()), CrlTime.time(entry.revokedAt()), extensions});
        try {
            return revoked.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL entry of serial " + entry.serial(), e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier id, ASN1Encodable value) {
        try {
            return new Extension(id, false, new DEROctetString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
