package jp.mynacard.model.issuance;

import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * The centre's card-data signer as personalization sees it: it signs the card-face data at
 * issuance (RSASSA-PKCS1-v1_5 with SHA-256); the card only stores what it signed.
 */
public interface CardDataSigner {
    /** SHA256withRSA signature over {@code data}. */
    byte[] sign(byte[] data);

    /**
     * RSASSA-PKCS1-v1_5 over a DigestInfo the caller built ({@code NONEwithRSA}): type-1 padding
     * of exactly these bytes, no hashing. For the card-surface AP's front face (spec §5), whose
     * DigestInfo holds three concatenated SHA-256 digests, not one.
     */
    byte[] signDigestInfo(byte[] digestInfo);

    /** The signer's X.509 certificate, DER, as the centre publishes it (the key a host pins). */
    byte[] certificate();

    /**
     * The card-verifiable certificate stored in EF 0004 of both card-face APs (spec §4, C5): the
     * signer's key from {@link #certificate()}, self-issued with {@link #sign}. PKCS#1 v1.5 is
     * deterministic, so every card of one signer holds the same bytes.
     */
    default CardVerifiableCertificate cardVerifiableCertificate() {
        try {
            java.security.cert.Certificate x509 = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificate()));
            if (!(x509.getPublicKey() instanceof RSAPublicKey key)) {
                throw new IllegalStateException("the card-data signer's key is not RSA");
            }
            return CardVerifiableCertificate.selfIssued(key, this::sign);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("the card-data signer's certificate does not parse", e);
        }
    }
}
