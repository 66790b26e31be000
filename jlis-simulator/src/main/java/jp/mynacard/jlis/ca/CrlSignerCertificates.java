package jp.mynacard.jlis.ca;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues the certificate of a key that signs CRLs for a CA (RFC 5280 §5, §6.3.3): keyUsage cRLSign
 * alone (critical), not a CA, named by the CA's key (AKI) and its own (SKI), and with a
 * distribution point on the CA's infrastructure CRL, which is where a relying party learns that
 * such a certificate was revoked. The separate CRL signer's certificate carries the CA's own name;
 * the indirect CRL issuer's carries the issuer's.
 */
public final class CrlSignerCertificates {
    /** A year: short enough to matter, long enough that reissuing is rare. */
    public static final Duration VALIDITY = Duration.ofDays(365);

    private CrlSignerCertificates() {
    }

    /** Never valid past the CA certificate that signs it: a relying party could not build a path then. */
    public static X509Certificate issue(CertificateAuthority ca, X500Name subject, PublicKey key, Instant now,
                                        URI infrastructureCrl) {
        Instant notAfter = now.plus(VALIDITY);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (caNotAfter.isBefore(notAfter)) {
            notAfter = caNotAfter;
        }
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.name(), ca.nextSerial(),
                    Date.from(now), Date.from(notAfter), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.cRLSign));
            builder.addExtension(Extension.authorityKeyIdentifier, false, KeyIdentifier.authorityOf(ca.certificate()));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.cRLDistributionPoints, false,
                    JpkiCertificateProfile.distributionPoint(infrastructureCrl));
            return ca.sign(builder);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a CRL signer certificate", e);
        }
    }

    /** Whether {@code certificate} was signed by this CA's key and is still valid well past {@code now}. */
    public static boolean current(X509Certificate certificate, CertificateAuthority ca, Instant now, Duration margin) {
        if (!Arrays.equals(KeyIdentifier.of(ca.certificate()), authorityKeyIdentifier(certificate))) {
            return false;
        }
        try {
            certificate.verify(ca.publicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return certificate.getNotAfter().toInstant().isAfter(now.plus(margin));
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }
}
