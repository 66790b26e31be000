package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.KeyIdentifier;
import jp.mynacard.jlis.registry.RevocationRegistry;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * The same CRL as {@link CrlWriter} writes, built the usual way with BouncyCastle's
 * {@link X509v2CRLBuilder}, which holds every entry in memory: the reference for byte-for-byte
 * comparison and for the benchmark.
 */
final class BouncyCastleCrl {
    private BouncyCastleCrl() {
    }

    static X509CRLHolder build(RevocationRegistry registry, CertificateUsage usage, CertificateAuthority ca, CrlSpec spec,
                               CrlScope scope) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.name(), Date.from(spec.thisUpdate()));
            builder.setNextUpdate(Date.from(spec.nextUpdate()));
            registry.forEachRevoked(usage, spec.after(), spec.upTo(), entry -> {
                List<Extension> extensions = new ArrayList<>();
                try {
                    extensions.add(Extension.create(Extension.reasonCode, false, CRLReason.lookup(entry.reason().code())));
                    if (entry.invalidityDate() != null) {
                        extensions.add(Extension.create(Extension.invalidityDate, false,
                                new DERGeneralizedTime(Date.from(entry.invalidityDate()))));
                    }
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()),
                            new Extensions(extensions.toArray(new Extension[0])));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            builder.addExtension(Extension.authorityKeyIdentifier, false, KeyIdentifier.authorityOf(ca.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(spec.number()));
            if (spec.isDelta()) {
                builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(spec.baseNumber()));
            } else if (spec.freshestCrl() != null) {
                GeneralNames url = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        spec.freshestCrl().toString()));
                builder.addExtension(Extension.freshestCRL, false, new CRLDistPoint(
                        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(url), null, null)}));
            }
            builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                            scope.distributionPoint().toString()))), scope.onlyUserCertificates(), false, null,
                    scope.indirect(), false));
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier,
                            scope.signerCertificates().get(0).toString())));
            return builder.build(ca.contentSigner());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
