package jp.mynacard.jlis.ca;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HexFormat;
import jp.mynacard.model.holder.BasicAttributes;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The JPKI holder-certificate profile of spec §3: subject, key usage, policy, validity, and
 * for the signature certificate the four basic attributes as SubjectAltName otherNames.
 */
public final class JpkiCertificateProfile {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int YEARS_OF_VALIDITY = 5;

    private static final String ATTRIBUTE_ARC = "1.2.392.200149.8.5.5.";
    public static final ASN1ObjectIdentifier NAME = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "1");
    public static final ASN1ObjectIdentifier NAME_SUBSTITUTES = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "2");
    public static final ASN1ObjectIdentifier SEX = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "3");
    public static final ASN1ObjectIdentifier BIRTH_DATE = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "4");
    public static final ASN1ObjectIdentifier ADDRESS = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "5");
    public static final ASN1ObjectIdentifier ADDRESS_SUBSTITUTES = new ASN1ObjectIdentifier(ATTRIBUTE_ARC + "6");

    /** Bytes of the opaque subject id: the authentication certificate names no person. */
    private static final int SUBJECT_ID_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JpkiCertificateProfile() {
    }

    /**
     * Issues a holder certificate of the CA's usage for a key the card generated, signed by that
     * generation of the CA; points may be null for a certificate that names no CRL, OCSP service or
     * CA certificate (tests without a centre).
     */
    static X509Certificate issue(CaGeneration generation, CertificateUsage usage, BasicAttributes holder,
                                 LocalDate cardExpiry, PublicKey key, Instant now, PublicationPoints points) {
        CertificateAuthority ca = generation.authority();
        try {
            BigInteger serial = ca.nextSerial();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.name(), serial,
                    Date.from(now), Date.from(notAfter(holder.birthDate(), cardExpiry, now)), subject(), key);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage.keyUsageBits()));
            builder.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(usage.policyOid()))));
            // the key identifier alone: the generations share one name, and the path may reach the key
            // through a link certificate, whose issuer and serial an AKI naming the CA certificate would contradict
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(generation.keyIdentifier()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            if (usage == CertificateUsage.SIGNATURE) {
                builder.addExtension(Extension.subjectAlternativeName, false, fourAttributes(holder));
            }
            if (points != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(points, usage, serial));
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription[] {
                            new AccessDescription(AccessDescription.id_ad_ocsp, uri(points.ocsp())),
                            new AccessDescription(AccessDescription.id_ad_caIssuers,
                                    uri(points.caCertificates(usage)))}));
            }
            return ca.sign(builder);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a " + usage + " certificate", e);
        }
    }

    /**
     * End of validity: the holder's fifth birthday after issuance, at the end of that day in
     * Japan, but never after the card's expiry.
     */
    static Instant notAfter(LocalDate birthDate, LocalDate cardExpiry, Instant issuedAt) {
        LocalDate issued = issuedAt.atZone(JAPAN).toLocalDate();
        LocalDate birthday = birthDate.withYear(issued.getYear()); // 29 Feb becomes 28 Feb
        if (!birthday.isAfter(issued)) {
            birthday = birthDate.withYear(issued.getYear() + 1);
        }
        LocalDate fifth = birthDate.withYear(birthday.getYear() + YEARS_OF_VALIDITY - 1);
        LocalDate last = fifth.isBefore(cardExpiry) ? fifth : cardExpiry;
        return ZonedDateTime.of(last, LocalTime.of(23, 59, 59), JAPAN).toInstant();
    }

    /**
     * The day in Japan a certificate's validity ends: given as the card expiry of a new
     * certificate, it caps that one at the same end (a phone's certificates end with the card's).
     */
    public static LocalDate lastDay(Instant notAfter) {
        return notAfter.atZone(JAPAN).toLocalDate();
    }

    /**
     * The partition's complete CRL, or with an indirect CRL that CRL and its issuer (cRLIssuer,
     * RFC 5280 §4.2.1.13): a relying party then knows that a CRL not signed by this CA covers it.
     */
    static CRLDistPoint distributionPoint(PublicationPoints points, CertificateUsage usage, BigInteger serial) {
        if (points.indirectCrlIssuer() == null) {
            return distributionPoint(points.crlOf(usage, serial));
        }
        return new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(uri(points.indirectCrl()))), null,
                    new GeneralNames(new GeneralName(points.indirectCrlIssuer())))});
    }

    static CRLDistPoint distributionPoint(URI crl) {
        return new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(uri(crl))), null, null)});
    }

    private static GeneralName uri(URI uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString());
    }

    static GeneralNames fourAttributes(BasicAttributes holder) {
        return new GeneralNames(new GeneralName[] {
            otherName(NAME, holder.name()),
            otherName(NAME_SUBSTITUTES, ""),
            otherName(SEX, holder.sex().jpkiCode()),
            otherName(BIRTH_DATE, JapaneseEraDate.encode(holder.birthDate())),
            otherName(ADDRESS, holder.address()),
            otherName(ADDRESS_SUBSTITUTES, ""),
        });
    }

    private static GeneralName otherName(ASN1ObjectIdentifier type, String value) {
        return new GeneralName(GeneralName.otherName,
                new DERSequence(new ASN1Encodable[] {type, new DERTaggedObject(true, 0, new DERUTF8String(value))}));
    }

    private static X500Name subject() {
        byte[] id = new byte[SUBJECT_ID_BYTES];
        RANDOM.nextBytes(id);
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.CN, HexFormat.of().withUpperCase().formatHex(id))
                .build();
    }
}
