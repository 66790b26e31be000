package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevokedEntry;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * One revokedCertificates entry as DER: serial, revocationDate, and the entry extensions
 * reasonCode (always, certificateHold included), invalidityDate (when known) and, on an
 * indirect CRL, certificateIssuer.
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
        return encode(entry, null);
    }

    /** @param certificateIssuer the CA that issued this and the following entries' certificates (indirect CRLs); null for none */
    byte[] encode(RevokedEntry entry, X500Name certificateIssuer) {
        List<Extension> list = new ArrayList<>(3);
        list.add(reasonCodes.get(entry.reason()));
        if (entry.invalidityDate() != null) {
            list.add(extension(Extension.invalidityDate, CrlTime.generalized(entry.invalidityDate())));
        }
        if (certificateIssuer != null) {
            // critical (§5.3.3): a relying party that ignored it would take the entry for the CRL issuer's own
            list.add(extension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName(certificateIssuer))));
        }
        DERSequence extensions = new DERSequence(list.toArray(new Extension[0]));
        DERSequence revoked = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(entry.serial()), CrlTime.time(entry.revokedAt()), extensions});
        try {
            return revoked.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL entry of serial " + entry.serial(), e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier id, ASN1Encodable value) {
        return extension(id, false, value);
    }

    private static Extension extension(ASN1ObjectIdentifier id, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(id, critical, new DEROctetString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
