package jp.mynacard.jlis.crl;

import java.net.URI;
import java.util.List;

/**
 * Which certificates a CRL covers and where it and its signer's certificate are: the CRL's
 * issuingDistributionPoint (RFC 5280 §5.2.5) and authorityInformationAccess (§5.2.7).
 *
 * @param distributionPoint   where this CRL is published; certificates it covers name it as theirs
 * @param onlyUserCertificates only end-entity certificates: a CA certificate is never found on it
 * @param indirect            it lists certificates of other issuers than the CRL's own
 * @param signerCertificates  where the certificates of the key that signs it are published (caIssuers)
 */
public record CrlScope(URI distributionPoint, boolean onlyUserCertificates, boolean indirect,
                       List<URI> signerCertificates) {
    public CrlScope {
        signerCertificates = List.copyOf(signerCertificates);
    }

    /** A CA's holder-certificate CRL (a partition, or its delta). */
    public static CrlScope holders(URI distributionPoint, URI signerCertificate) {
        return new CrlScope(distributionPoint, true, false, List.of(signerCertificate));
    }

    /** A CA's infrastructure CRL: link and CRL signer certificates. */
    public static CrlScope infrastructure(URI distributionPoint, URI caCertificate) {
        return new CrlScope(distributionPoint, false, false, List.of(caCertificate));
    }
}
