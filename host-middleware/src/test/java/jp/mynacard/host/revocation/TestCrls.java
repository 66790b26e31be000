package jp.mynacard.host.revocation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test CRLs and issuers built with BouncyCastle (test scope only). */
final class TestCrls {
    static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private TestCrls() {
    }

    record Issuer(X509Certificate cert, PrivateKey key, String sigAlg) {
    }

    /** One entry to put in a CRL; reason -1 = no reasonCode; invalidity null = none. */
    record Entry(BigInteger serial, Date date, int reason, Date invalidity) {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static Issuer issuer(String dn, KeyPair kp, String sigAlg) throws Exception {
        X500Name name = new X500Name(dn);
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder cb = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 86_400_000L),
                new Date(now + 3_650L * 86_400_000L), name, kp.getPublic());
        cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        cb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(cb.build(new JcaContentSignerBuilder(sigAlg).setProvider(BC).build(kp.getPrivate())));
        return new Issuer(cert, kp.getPrivate(), sigAlg);
    }

    static byte[] crl(Issuer is, Iterable<Entry> entries, Date thisUpdate, Date nextUpdate, BigInteger number,
                      BigInteger deltaBase) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(is.cert().getSubjectX500Principal().getEncoded()),
                thisUpdate);
        if (nextUpdate != null) {
            b.setNextUpdate(nextUpdate);
        }
        for (Entry e : entries) {
            if (e.invalidity() == null && e.reason() < 0) {
                b.addCRLEntry(e.serial(), e.date(), null);
            } else {
                ExtensionsGenerator g = new ExtensionsGenerator();
                if (e.reason() >= 0) {
                    g.addExtension(Extension.reasonCode, false, CRLReason.lookup(e.reason()));
                }
                if (e.invalidity() != null) {
                    g.addExtension(Extension.invalidityDate, false, new ASN1GeneralizedTime(e.invalidity()));
                }
                b.addCRLEntry(e.serial(), e.date(), g.generate());
            }
        }
        if (number != null) {
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        }
        if (deltaBase != null) {
            b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(deltaBase));
        }
        return b.build(new JcaContentSignerBuilder(is.sigAlg()).setProvider(BC).build(is.key())).getEncoded();
    }

    static X509CRL jdk(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}
