package jp.mynacard.host.revocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * What a CRL covers, from its issuingDistributionPoint extension (RFC 5280 §5.2.5): the
 * distribution point it is published for, which kinds of certificate, which revocation reasons,
 * and whether it is indirect. A CRL without the extension covers everything its issuer issued.
 *
 * @param distributionPoints the IDP's fullName as comparable names ({@link #name}); empty: any
 * @param onlySomeReasons    the reasons covered as a {@link #ALL_REASONS}-style mask of ReasonFlags bits
 */
public record CrlScope(List<String> distributionPoints, boolean onlyUserCerts, boolean onlyCaCerts,
                       boolean onlyAttributeCerts, int onlySomeReasons, boolean indirect) {

    /** ReasonFlags bits 1 (keyCompromise) to 8 (aACompromise); bit 0 is "unused". */
    public static final int ALL_REASONS = 0x1FE;

    /** The scope of a CRL without issuingDistributionPoint. */
    public static final CrlScope UNRESTRICTED = new CrlScope(List.of(), false, false, false, ALL_REASONS, false);

    public CrlScope {
        distributionPoints = List.copyOf(distributionPoints);
    }

    /** Parses the extnValue of issuingDistributionPoint. */
    static CrlScope parse(byte[] value) throws CrlFormatException {
        IssuingDistributionPoint idp;
        try {
            idp = IssuingDistributionPoint.getInstance(ASN1Primitive.fromByteArray(value));
        } catch (IOException | RuntimeException e) {
            throw new CrlFormatException("issuingDistributionPoint: malformed (" + e.getMessage() + ")");
        }
        if (idp == null) {
            throw new CrlFormatException("issuingDistributionPoint: not a SEQUENCE");
        }
        try {
            List<String> points = new ArrayList<>();
            DistributionPointName dp = idp.getDistributionPoint();
            if (dp != null) {
                if (dp.getType() != DistributionPointName.FULL_NAME) {
                    // a name relative to the CRL issuer: kept as such, it matches only the same relative name
                    points.add("relative:" + dp.getName().toString());
                } else {
                    for (GeneralName n : GeneralNames.getInstance(dp.getName()).getNames()) {
                        points.add(name(n));
                    }
                }
            }
            int reasons = idp.getOnlySomeReasons() == null ? ALL_REASONS : mask(idp.getOnlySomeReasons());
            return new CrlScope(points, idp.onlyContainsUserCerts(), idp.onlyContainsCACerts(),
                    idp.onlyContainsAttributeCerts(), reasons, idp.isIndirectCRL());
        } catch (RuntimeException e) {
            // BouncyCastle reports malformed inner values as assorted runtime exceptions
            throw new CrlFormatException("issuingDistributionPoint: malformed (" + e + ")");
        }
    }

    /** A GeneralName as compared between an IDP and a certificate's distribution point: URIs exactly, names canonically. */
    public static String name(GeneralName n) {
        if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
            return "uri:" + n.getName().toString();
        }
        if (n.getTagNo() == GeneralName.directoryName) {
            try {
                return "dn:" + new X500Principal(X500Name.getInstance(n.getName()).getEncoded())
                        .getName(X500Principal.CANONICAL);
            } catch (IOException | IllegalArgumentException e) {
                return "dn?:" + n.getName();
            }
        }
        return n.getTagNo() + ":" + n.getName().toString().toLowerCase(Locale.ROOT);
    }

    /** ReasonFlags (a DER BIT STRING, bit 0 first) as a mask with bit i = ReasonFlags bit i. */
    public static int mask(DERBitString flags) {
        byte[] bytes = flags.getBytes();
        int mask = 0;
        for (int bit = 0; bit <= 8; bit++) {
            int b = bit / 8;
            if (b < bytes.length && (bytes[b] & (0x80 >> (bit % 8))) != 0) {
                mask |= 1 << bit;
            }
        }
        return mask & ALL_REASONS;
    }

    /** The reasons of a mask in words, for messages: "key compromise, superseded". */
    public static String words(int mask) {
        List<String> names = new ArrayList<>();
        String[] flags = {"unused", "key compromise", "CA compromise", "affiliation changed", "superseded",
            "cessation of operation", "certificate hold", "privilege withdrawn", "AA compromise"};
        for (int bit = 1; bit <= 8; bit++) {
            if ((mask & (1 << bit)) != 0) {
                names.add(flags[bit]);
            }
        }
        return mask == ALL_REASONS ? "every reason" : String.join(", ", names);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!distributionPoints.isEmpty()) {
            parts.add("distribution point " + String.join(" ", distributionPoints));
        }
        if (onlyUserCerts) {
            parts.add("only end-entity certificates");
        }
        if (onlyCaCerts) {
            parts.add("only CA certificates");
        }
        if (onlyAttributeCerts) {
            parts.add("only attribute certificates");
        }
        if (onlySomeReasons != ALL_REASONS) {
            parts.add("only " + words(onlySomeReasons));
        }
        if (indirect) {
            parts.add("indirect");
        }
        return parts.isEmpty() ? "everything" : String.join(", ", parts);
    }
}
