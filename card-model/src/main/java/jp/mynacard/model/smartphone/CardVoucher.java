package jp.mynacard.model.smartphone;

/**
 * The holder's card vouching for a phone (スマホ用電子証明書 are issued only to whoever holds the
 * card): its signature certificate, and signatures by its signature key, the signature PIN
 * verified. The centre issues the phone's certificates to the holder that certificate names.
 */
public interface CardVoucher {
    /** The card's signature certificate, DER, as read from its EF 0001. */
    byte[] signatureCertificate();

    /** SHA256withRSA over {@code data} by the card's signature key. */
    byte[] sign(byte[] data);
}
