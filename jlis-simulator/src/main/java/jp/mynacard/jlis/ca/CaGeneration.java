package jp.mynacard.jlis.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * One key generation of a JPKI CA: generation 1 is the CA's first key, each rollover adds the
 * next. Every generation has the same subject name and its own key, self-signed certificate and
 * subjectKeyIdentifier, which is what tells the generations apart.
 */
public record CaGeneration(int number, CertificateAuthority authority) {

    public CaGeneration {
        if (number < 1) {
            throw new IllegalArgumentException("CA generations count from 1, not " + number);
        }
    }

    /** The key store alias of a generation's key: {@code sign-ca}, then {@code sign-ca-g2}, {@code sign-ca-g3}, … */
    public static String alias(CertificateUsage usage, int number) {
        String base = usage.shortName() + "-ca";
        return number == 1 ? base : base + "-g" + number;
    }

    public X509Certificate certificate() {
        return authority.certificate();
    }

    /** The subjectKeyIdentifier of the generation's certificate (computed from the key if it has none). */
    public byte[] keyIdentifier() {
        byte[] extension = certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            if (extension != null) {
                return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
            }
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(authority.publicKey()).getKeyIdentifier();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 for a key identifier", e);
        }
    }

    /** Live while its CA certificate has not expired: it still vouches for what it issued. */
    public boolean live(Instant now) {
        return !now.isAfter(certificate().getNotAfter().toInstant());
    }
}
