package jp.mynacard.model.issuance;

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

    /** The signer's certificate, DER, as stored in EF 0004 of both card-face APs. */
    byte[] certificate();
}
