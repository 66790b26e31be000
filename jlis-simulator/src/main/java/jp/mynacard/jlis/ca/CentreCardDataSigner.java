package jp.mynacard.jlis.ca;

import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import jp.mynacard.perso.cardface.CardDataSigner;

/**
 * The centre's card-data signer (spec §4–§5): signs the card-face data at issuance with the
 * key kept beside the CA keys; the card stores the signature and the signer's certificate.
 */
public final class CentreCardDataSigner implements CardDataSigner {
    private final CertificateAuthority signer;

    public CentreCardDataSigner(CertificateAuthority signer) {
        this.signer = signer;
    }

    @Override
    public byte[] sign(byte[] data) {
        java.security.Signature signature = signer.streamingSigner();
        try {
            signature.update(data);
            return signature.sign();
        } catch (SignatureException e) {
            throw new IllegalStateException("the card-data signer cannot sign", e);
        }
    }

    public java.security.cert.X509Certificate certificateAsX509() {
        return signer.certificate();
    }

    @Override
    public byte[] certificate() {
        try {
            return signer.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
