package jp.mynacard.perso.cardface;

/**
 * The centre's card-data signer as personalization sees it: it signs the card-face data at
 * issuance (RSASSA-PKCS1-v1_5 with SHA-256); the card only stores what it signed.
 */
public interface CardDataSigner {
    /** SHA256withRSA signature over {@code data}. */
    byte[] sign(byte[] data);

    /** The signer's certificate, DER, as stored in EF 0004 of both card-face APs. */
    byte[] certificate();
}
