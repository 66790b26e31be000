package jp.mynacard.host.trust;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA with end-entity certificates and CRLs, made with BouncyCastle (test only). */
public final class TestPki {
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    public final KeyPair caKeys;
    public final X509Certificate ca;

    public TestPki(String name) throws Exception {
        this(name, null, 1);
    }

    /** A CA certified by {@code parent} with that serial (a root when {@code parent} is null). */
    public TestPki(String name, TestPki parent, long serial) throws Exception {
        caKeys = keys();
        X500Name dn = new X500Name("CN=" + name + ",O=Test,C=JP");
        X500Name issuer = parent == null ? dn : X500Name.getInstance(parent.ca.getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(86400L * 365)), Date.from(NOW.plusSeconds(86400L * 3650)), dn,
                caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = convert(b, parent == null ? caKeys : parent.caKeys);
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate convert(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    /** An end-entity certificate valid from a year before {@link #NOW} to {@code notAfter}; no AIA. */
    public X509Certificate issue(long serial, String cn, Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(86400L * 365)), Date.from(notAfter),
                new X500Name("CN=" + cn + ",O=Test,C=JP"), keys().getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return convert(b, caKeys);
    }

    /** An end-entity certificate naming {@code base}/ocsp as its OCSP responder and {@code base}/crl/full.crl as its CRL. */
    public X509Certificate issue(long serial, String cn, URI base) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(86400L * 365)), Date.from(NOW.plusSeconds(86400L * 365)),
                new X500Name("CN=" + cn + ",O=Test,C=JP"), keys().getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, base.resolve("ocsp").toString())));
        b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                    GeneralName.uniformResourceIdentifier, base.resolve("crl/full.crl").toString()))), null, null)}));
        return convert(b, caKeys);
    }

    /** A delegated OCSP responder: its keys and a certificate from this CA, with id-kp-OCSPSigning if {@code authorized}. */
    public Responder responder(long serial, boolean authorized) throws Exception {
        KeyPair k = keys();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(serial),
                Date.from(NOW.minusSeconds(86400L * 365)), Date.from(NOW.plusSeconds(86400L * 3650)),
                new X500Name("CN=OCSP Responder " + serial + ",O=Test,C=JP"), k.getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (authorized) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
        }
        return new Responder(k, convert(b, caKeys));
    }

    /** The CA itself as its own OCSP responder. */
    public Responder asResponder() {
        return new Responder(caKeys, ca);
    }

    public record Responder(KeyPair keys, X509Certificate certificate) {
    }

    /**
     * A DER CRL: complete ({@code baseNumber} null, pointing to {@code freshest} if given) or delta
     * (extending the complete CRL numbered {@code baseNumber}); {@code revoked} maps serials to reason codes.
     */
    public byte[] crl(long number, Long baseNumber, Instant thisUpdate, Instant next, Map<Long, Integer> revoked,
                      Instant revokedAt, URI freshest) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                Date.from(thisUpdate));
        b.setNextUpdate(Date.from(next));
        b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(number)));
        if (baseNumber != null) {
            b.addExtension(Extension.deltaCRLIndicator, true, new org.bouncycastle.asn1.x509.CRLNumber(
                    BigInteger.valueOf(baseNumber)));
        }
        if (freshest != null) {
            b.addExtension(Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                        GeneralName.uniformResourceIdentifier, freshest.toString()))), null, null)}));
        }
        revoked.forEach((serial, reason) -> b.addCRLEntry(BigInteger.valueOf(serial), Date.from(revokedAt), reason));
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())).getEncoded();
    }

    public X509Certificate issue(long serial, String cn) throws Exception {
        return issue(serial, cn, NOW.plusSeconds(86400L * 365));
    }

    /**
     * A DER CRL written to {@code file}, issued a day before {@link #NOW}, nextUpdate {@code next};
     * {@code revoked} maps serials to reason codes ({@code org.bouncycastle.asn1.x509.CRLReason}).
     */
    public Path crl(Path file, Instant next, Map<Long, Integer> revoked, Instant revokedAt) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                Date.from(NOW.minusSeconds(86400)));
        b.setNextUpdate(Date.from(next));
        b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
        revoked.forEach((serial, reason) -> b.addCRLEntry(BigInteger.valueOf(serial), Date.from(revokedAt), reason));
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
        Files.write(file, b.build(s).getEncoded());
        return file;
    }
}
