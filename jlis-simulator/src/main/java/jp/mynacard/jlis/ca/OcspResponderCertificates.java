package jp.mynacard.jlis.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.mynacard.jlis.ocsp.OcspSigningIdentity;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues delegated OCSP responder certificates (RFC 6960 §4.2.2.2): a fresh RSA-2048 key per
 * certificate, id-kp-OCSPSigning, and id-pkix-ocsp-nocheck so that clients do not ask OCSP about
 * the responder itself. The validity is short because nocheck means the certificate cannot be
 * revoked in any way a client would notice: expiry is its only revocation.
 */
public final class OcspResponderCertificates {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private OcspResponderCertificates() {
    }

    public static OcspSigningIdentity issue(CertificateAuthority ca, CertificateUsage usage, Clock clock) {
        return issue(ca, usage, clock, DEFAULT_VALIDITY);
    }

    public static OcspSigningIdentity issue(CertificateAuthority ca, CertificateUsage usage, Clock clock, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("responder certificate validity must be positive, not " + validity);
        }
        try {
            KeyPairGenerator generator = SigningProvider.chosen().rsaKeyPairGenerator();
            generator.initialize(CertificateAuthority.KEY_BITS);
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.name(), ca.nextSerial(),
                    Date.from(now), Date.from(now.plus(validity)), subject(ca), keyPair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            // RFC 6960 §4.2.2.2.1: the value of id-pkix-ocsp-nocheck is NULL
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.publicKey()));
            X509Certificate certificate = ca.sign(builder);
            return new OcspSigningIdentity(certificate, keyPair.getPrivate(), usage);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue an OCSP responder certificate", e);
        }
    }

    /** {@code C=JP, O=JPKI, OU=<the CA's first OU>, CN=OCSP Responder}. */
    static X500Name subject(CertificateAuthority ca) {
        RDN[] units = ca.name().getRDNs(BCStyle.OU);
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "JPKI");
        if (units.length > 0) {
            name.addRDN(BCStyle.OU, IETFUtils.valueToString(units[0].getFirst().getValue()));
        }
        return name.addRDN(BCStyle.CN, "OCSP Responder").build();
    }
}
