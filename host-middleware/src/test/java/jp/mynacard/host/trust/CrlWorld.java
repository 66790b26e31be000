package jp.mynacard.host.trust;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates and CRLs of RFC 5280 §6.3's situations, made with BouncyCastle for the tests
 * (PKITS-like: separate CRL-signing keys, IDP-scoped and partitioned CRLs, indirect CRLs, reasons,
 * CA keys rolled over under the same name). Every certificate carries key identifiers.
 */
final class CrlWorld {
    static final Instant NOW = TestPki.NOW;
    private static final AtomicLong SERIALS = new AtomicLong(100);

    /** A key and the certificate that certifies it. */
    record Holder(KeyPair keys, X509Certificate cert) {
        X500Name name() {
            return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        }
    }

    /** What to add to a certificate under construction. */
    interface Extras {
        void add(X509v3CertificateBuilder b) throws Exception;
    }

    /** What to add to a CRL under construction. */
    interface CrlExtras {
        void add(X509v2CRLBuilder b) throws Exception;
    }

    private CrlWorld() {
    }

    static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    static X500Name name(String cn) {
        return new X500Name("CN=" + cn + ",O=Test,C=JP");
    }

    /** A self-signed CA under {@code name}. */
    static Holder root(X500Name name) throws Exception {
        KeyPair k = keys();
        return new Holder(k, certificate(name, k, name, k.getPublic(), true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign, b -> { }));
    }

    /** A certificate for {@code subjectKeys} under {@code subject}, issued by {@code issuer}. */
    static Holder issue(Holder issuer, X500Name subject, boolean ca, int keyUsage, Extras extras) throws Exception {
        KeyPair k = keys();
        return new Holder(k, certificate(issuer.name(), issuer.keys(), subject, k.getPublic(), ca, keyUsage, extras));
    }

    /** A certificate of {@code subjectKey} (someone else's), signed by {@code signer} as {@code issuerName}. */
    static X509Certificate certificate(X500Name issuerName, KeyPair signer, X500Name subject,
                                       java.security.PublicKey subjectKey, boolean ca, int keyUsage, Extras extras)
            throws Exception {
        X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(NOW.minusSeconds(86400L * 365)),
                Date.from(NOW.plusSeconds(86400L * 3650)), subject, subjectKey);
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subjectKey));
        b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(signer.getPublic()));
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        extras.add(b);
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    /** An end-entity certificate issued by {@code ca} with a cRLDistributionPoints of one point. */
    static Holder user(Holder ca, String cn, DistributionPoint point) throws Exception {
        return issue(ca, name(cn), false, KeyUsage.digitalSignature, b -> {
            if (point != null) {
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
            }
        });
    }

    static DistributionPoint point(String url, X500Name crlIssuer, ReasonFlags reasons) {
        return new DistributionPoint(url == null ? null : new DistributionPointName(names(url)), reasons,
                crlIssuer == null ? null : new GeneralNames(new GeneralName(crlIssuer)));
    }

    static GeneralNames names(String url) {
        return new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url));
    }

    /** A complete CRL (number {@code number}) as {@code issuerName}, signed by {@code signer}, current at {@link #NOW}. */
    static byte[] crl(X500Name issuerName, KeyPair signer, long number, CrlExtras extras) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName, Date.from(NOW.minusSeconds(3600)));
        b.setNextUpdate(Date.from(NOW.plusSeconds(86400)));
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.getPublic()));
        extras.add(b);
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
    }

    static Path write(Path dir, String file, byte[] der) throws Exception {
        return Files.write(dir.resolve(file), der);
    }

    static Date revokedAt() {
        return Date.from(NOW.minusSeconds(7200));
    }
}
