package jp.mynacard.jlis.ca;

/** The centre's long-lived signing keys: the two JPKI CAs and the card-data signer. */
public record CentreKeys(CertificateAuthority signatureCa, CertificateAuthority authenticationCa,
                         CertificateAuthority cardDataSigner) {

    public CertificateAuthority authority(CertificateUsage usage) {
        return usage == CertificateUsage.SIGNATURE ? signatureCa : authenticationCa;
    }
}
