package jp.mynacard.jlis.ca;

import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import jp.mynacard.model.issuance.CardDataSigner;

/**
 * The centre's card-data signer (spec §4–§5): signs the card-face data at issuance with the
 * key kept beside the CA keys; the card stores the signature and the signer's certificate.
 */
public final class CentreCardDataSigner implements CardDataSigner {
    /** 00 01, at least eight FF, 00. */
    private static final int PKCS1_PADDING_MIN = 11;

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

    /** NONEwithRSA: PKCS#1 v1.5 type-1 padding of the given DigestInfo, through the CA key's own provider when it has one. */
    @Override
    public byte[] signDigestInfo(byte[] digestInfo) {
        int modulusBytes = (((java.security.interfaces.RSAKey) signer.publicKey()).getModulus().bitLength() + 7) / 8;
        if (digestInfo.length == 0 || digestInfo.length > modulusBytes - PKCS1_PADDING_MIN) {
            throw new IllegalArgumentException("a DigestInfo for this " + modulusBytes * 8 + "-bit signer must be 1 to "
                    + (modulusBytes - PKCS1_PADDING_MIN) + " bytes, not " + digestInfo.length);
        }
        java.security.Provider provider = signer.signingProvider();
        try {
            java.security.Signature signature;
            try {
                signature = provider == null ? java.security.Signature.getInstance("NONEwithRSA")
                        : java.security.Signature.getInstance("NONEwithRSA", provider);
            } catch (java.security.NoSuchAlgorithmException e) {
                // SunRsaSign does SHA256withRSA but leaves NONEwithRSA to SunJCE
                signature = java.security.Signature.getInstance("NONEwithRSA");
            }
            signature.initSign(signer.signingKey());
            signature.update(digestInfo);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the card-data signer cannot sign a DigestInfo", e);
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
