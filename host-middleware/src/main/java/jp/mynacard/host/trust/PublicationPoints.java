package jp.mynacard.host.trust;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where a certificate (or a complete CRL) says its revocation status is published: the OCSP
 * responder of the authorityInfoAccess extension, the CRL distribution points, and the
 * freshestCRL (delta CRL) points; and where its issuer's certificate is published (caIssuers). Only
 * http URLs are returned: LDAP and the like are not fetched.
 */
final class PublicationPoints {
    private PublicationPoints() {
    }

    static List<URI> ocsp(X509Certificate cert) {
        return accessLocations(cert, AccessDescription.id_ad_ocsp);
    }

    static List<URI> deltaCrls(X509Certificate cert) {
        return distributionPoints(cert.getExtensionValue(Extension.freshestCRL.getId()), true);
    }

    /** The URLs of a DER CRLDistPoint, e.g. a CRL's freshestCRL extension value. */
    static List<URI> distributionPoints(byte[] crlDistPoint) {
        return distributionPoints(crlDistPoint, false);
    }

    private static List<URI> distributionPoints(byte[] ext, boolean wrapped) {
        List<URI> urls = new ArrayList<>();
        if (ext == null) {
            return urls;
        }
        for (DistributionPoint p : CRLDistPoint.getInstance(wrapped ? unwrap(ext) : parse(ext)).getDistributionPoints()) {
            DistributionPointName name = p.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                    addHttp(n, urls);
                }
            }
        }
        return urls;
    }

    /** The authorityInfoAccess caIssuers URLs: where certificates of the certificate's issuer are published. */
    static List<URI> caIssuers(X509Certificate cert) {
        return accessLocations(cert, AccessDescription.id_ad_caIssuers);
    }

    /** The http URLs of the authorityInfoAccess descriptions with this access method. */
    private static List<URI> accessLocations(X509Certificate cert, ASN1ObjectIdentifier method) {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> urls = new ArrayList<>();
        if (ext == null) {
            return urls;
        }
        for (AccessDescription d : AuthorityInformationAccess.getInstance(unwrap(ext)).getAccessDescriptions()) {
            if (d.getAccessMethod().equals(method)) {
                addHttp(d.getAccessLocation(), urls);
            }
        }
        return urls;
    }

    /** Adds {@code name} to {@code urls} if it is an http URI: LDAP and the like are not fetched. */
    static void addHttp(GeneralName name, List<URI> urls) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        try {
            URI uri = URI.create(name.getName().toString());
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                urls.add(uri);
            }
        } catch (IllegalArgumentException e) {
            // an unusable URL is as good as none
        }
    }

    /** The DER inside getExtensionValue's OCTET STRING. */
    private static ASN1Primitive unwrap(byte[] ext) {
        return parse(ASN1OctetString.getInstance(ext).getOctets());
    }

    private static ASN1Primitive parse(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed extension: " + e.getMessage(), e);
        }
    }
}
