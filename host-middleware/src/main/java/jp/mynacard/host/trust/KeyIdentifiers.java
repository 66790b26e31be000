package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** A certificate's subject and authority key identifiers (RFC 5280 §4.2.1.1–2): how issuers are matched to keys. */
final class KeyIdentifiers {
    private KeyIdentifiers() {
    }

    /** The subjectKeyIdentifier, or null when absent or unreadable. */
    static byte[] subjectKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            return ext == null ? null
                    : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The authorityKeyIdentifier's keyIdentifier, or null when absent or unreadable. */
    static byte[] authorityKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        try {
            return ext == null ? null
                    : AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
