package jp.mynacard.jlis.ca;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The key identifier by which a certificate's key is named in what that key signs: the
 * certificate's own subjectKeyIdentifier, or (a certificate without one) the RFC 5280 §4.2.1.2
 * SHA-1 of its key. What the key signs then names it by the identifier relying parties match.
 */
public final class KeyIdentifier {
    private KeyIdentifier() {
    }

    public static byte[] of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
        }
        return of(certificate.getPublicKey());
    }

    public static byte[] of(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key).getKeyIdentifier();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 for key identifiers", e);
        }
    }

    /** An authorityKeyIdentifier of the key identifier alone, naming the key that signed. */
    public static AuthorityKeyIdentifier authorityOf(X509Certificate signer) {
        return new AuthorityKeyIdentifier(of(signer));
    }
}
