package jp.mynacard.jlis.ca;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The two link certificates of a rollover (the key-rollover certificates of RFC 4210 §4.4):
 * new-with-old (the new key, signed by the old one) lets a relying party that trusts the old
 * generation accept what the new one issues; old-with-new (the old key, signed by the new one)
 * lets one that trusts the new generation accept what the old one issued. Both are CA
 * certificates under the CA's one subject name, told apart by their key identifiers.
 */
final class LinkCertificates {
    private LinkCertificates() {
    }

    /** [new-with-old, old-with-new], both valid from now to the earlier of the two CA certificates' ends. */
    static List<X509Certificate> between(CertificateUsage usage, CaGeneration old, CaGeneration next,
                                         PublicationPoints points, Clock clock) {
        Instant now = clock.instant();
        Date notAfter = old.certificate().getNotAfter().before(next.certificate().getNotAfter())
                ? old.certificate().getNotAfter() : next.certificate().getNotAfter();
        return List.of(link(usage, old, next, now, notAfter, points), link(usage, next, old, now, notAfter, points));
    }

    /** A CA certificate for {@code subject}'s key, signed by {@code issuer}'s. */
    private static X509Certificate link(CertificateUsage usage, CaGeneration issuer, CaGeneration subject, Instant now,
                                        Date notAfter, PublicationPoints points) {
        CertificateAuthority signer = issuer.authority();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(signer.name(), signer.nextSerial(),
                    Date.from(now), notAfter, subject.authority().name(), subject.authority().publicKey());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subject.keyIdentifier()));
            // the key identifier alone: an issuer name and serial would name one certificate of that key, not the key
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuer.keyIdentifier()));
            // the CA's own policy, not anyPolicy: a path through the link keeps it even when the relying party
            // requires an explicit policy and inhibits anyPolicy (RFC 5280 §6.1.3 (d), (e))
            builder.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(usage.policyOid()))));
            if (points != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false,
                        JpkiCertificateProfile.distributionPoint(points.infrastructureCrl(usage)));
            }
            X509Certificate link = signer.sign(builder);
            link.verify(signer.publicKey());
            return link;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a " + usage.displayName() + " CA link certificate", e);
        }
    }
}
