package jp.mynacard.host.trust;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One generation of a CA as the centre keeps them (test only): a key of its own under a name other
 * generations share, a self-signed certificate with a subjectKeyIdentifier, link certificates to
 * and from other generations, and holder certificates naming the issuing key (authorityKeyIdentifier).
 * Validity runs from a year before {@link TestPki#NOW} to ten years after unless given.
 */
public final class CaGeneration {
    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final Instant FROM = TestPki.NOW.minusSeconds(86400L * 365);
    private static final Instant TO = TestPki.NOW.plusSeconds(86400L * 3650);

    public final X500Name name;
    public final KeyPair keys;
    public final X509Certificate ca;

    /** A new generation of the CA named {@code dn}, e.g. "CN=Test Sign CA,O=Test,C=JP". */
    public CaGeneration(String dn) throws Exception {
        this(dn, FROM);
    }

    /** A generation whose certificate starts at {@code notBefore} (a newer generation starts later). */
    public CaGeneration(String dn, Instant notBefore) throws Exception {
        this.name = new X500Name(dn);
        this.keys = keys();
        this.ca = certificate(name, keys.getPublic(), this, notBefore, TO, true, true, null, null);
    }

    /** A certificate of this generation's key signed by {@code signer}'s: new-with-old when signer is older. */
    public X509Certificate certifiedBy(CaGeneration signer) throws Exception {
        return signer.issueCa(name, keys.getPublic(), FROM, TO);
    }

    /** A CA certificate of any name and key, from this generation's key (AKI = this generation's SKI). */
    public X509Certificate issueCa(X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) throws Exception {
        return certificate(subject, key, this, notBefore, notAfter, true, true, null, null);
    }

    /** As {@link #issueCa}, without key identifiers: only the name links it to its issuer and subjects. */
    public X509Certificate issueCaWithoutKeyIds(X500Name subject, PublicKey key, Instant notBefore) throws Exception {
        return certificate(subject, key, this, notBefore, TO, true, false, null, null);
    }

    /** A holder certificate without key identifiers. */
    public X509Certificate holderWithoutKeyIds(String cn) throws Exception {
        return certificate(new X500Name("CN=" + cn + ",O=Test,C=JP"), keys().getPublic(), this, FROM,
                TestPki.NOW.plusSeconds(86400L * 365), false, false, null, null);
    }

    /** A holder certificate under {@code policyOid} (none if null) with caIssuers {@code caIssuers} (none if null). */
    public X509Certificate holder(String cn, String policyOid, URI caIssuers) throws Exception {
        return certificate(new X500Name("CN=" + cn + ",O=Test,C=JP"), keys().getPublic(), this, FROM,
                TestPki.NOW.plusSeconds(86400L * 365), false, true, policyOid, caIssuers);
    }

    public X509Certificate holder(String cn) throws Exception {
        return holder(cn, null, null);
    }

    static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, PublicKey key, CaGeneration signer, Instant notBefore,
            Instant notAfter, boolean ca, boolean keyIds, String policyOid, URI caIssuers) throws Exception {
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(signer.name,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject, key);
        if (keyIds) {
            b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(signer.keys.getPublic()));
        }
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        if (policyOid != null) {
            b.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policyOid))));
        }
        if (caIssuers != null) {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, caIssuers.toString())));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.keys.getPrivate())));
    }
}
