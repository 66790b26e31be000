package jp.mynacard.perso.counter;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;

/**
 * The J-LIS centre as a municipal counter uses it after issuance: certificates stopped,
 * revoked and reissued, card-face data signed. Implemented over the centre's admin API by the
 * simulated centre's client; a counter never sees a CA key.
 */
public interface CounterCentre {
    /** The 24-hour stop of a lost card's certificate. */
    void suspend(CertificateKind kind, BigInteger serial);

    /** Revokes for good; revoking again for the same reason changes nothing. */
    void revoke(CertificateKind kind, BigInteger serial, RevocationCause cause);

    /**
     * A new certificate for a key the card generated; a signature certificate is linked to the one
     * it replaces (null: none) so relying parties can follow the holder. Returns it DER.
     */
    byte[] issueCertificate(CertificateKind kind, RSAPublicKey key, Holder holder, BigInteger replaces);

    /** The centre's card-data signer, for rewriting card-face data. */
    CardDataSigner cardDataSigner();
}
