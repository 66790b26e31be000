package jp.mynacard.host.trust;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import jp.mynacard.host.revocation.CrlScope;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * One distribution point of a certificate's cRLDistributionPoints (RFC 5280 §4.2.1.13), as CRL
 * processing needs it: the names it is published under, the http URLs among them, the CRL issuer
 * (the certificate's issuer unless cRLIssuer names another: an indirect CRL) and the reasons it
 * covers. A certificate without the extension has one implicit point: its issuer, every reason.
 *
 * @param names      the fullName, as {@link CrlScope#name} compares them
 * @param crlIssuers who signs the CRLs of this point
 * @param reasons    a {@link CrlScope#ALL_REASONS}-style mask
 */
record CrlDistributionPoint(List<String> names, List<URI> urls, List<X500Principal> crlIssuers, int reasons,
                            boolean indirect) {

    static List<CrlDistributionPoint> of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        X500Principal issuer = cert.getIssuerX500Principal();
        if (ext == null) {
            return List.of(new CrlDistributionPoint(List.of(), List.of(), List.of(issuer), CrlScope.ALL_REASONS, false));
        }
        List<CrlDistributionPoint> points = new ArrayList<>();
        try {
            for (DistributionPoint p : CRLDistPoint.getInstance(ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(ext).getOctets())).getDistributionPoints()) {
                points.add(of(p, issuer));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the certificate's cRLDistributionPoints is unreadable", e);
        }
        return points;
    }

    private static CrlDistributionPoint of(DistributionPoint p, X500Principal issuer) throws IOException {
        List<String> names = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        DistributionPointName name = p.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                names.add(CrlScope.name(n));
                PublicationPoints.addHttp(n, urls);
            }
        } else if (name != null) {
            names.add("relative:" + name.getName());
        }
        List<X500Principal> crlIssuers = new ArrayList<>();
        if (p.getCRLIssuer() != null) {
            for (GeneralName n : p.getCRLIssuer().getNames()) {
                if (n.getTagNo() == GeneralName.directoryName) {
                    crlIssuers.add(new X500Principal(n.getName().toASN1Primitive().getEncoded()));
                }
            }
        }
        boolean indirect = !crlIssuers.isEmpty() && !crlIssuers.equals(List.of(issuer));
        if (crlIssuers.isEmpty()) {
            crlIssuers.add(issuer);
        }
        int reasons = p.getReasons() == null ? CrlScope.ALL_REASONS : CrlScope.mask(p.getReasons());
        return new CrlDistributionPoint(names, urls, crlIssuers, reasons, indirect);
    }
}
