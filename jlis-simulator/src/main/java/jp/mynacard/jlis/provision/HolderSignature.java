package jp.mynacard.jlis.provision;

import java.security.PublicKey;
import jp.mynacard.model.card.Sha256WithRsa;

/**
 * Checks a holder's signature made on the card with the signature key: SHA256withRSA (PKCS#1 v1.5).
 * The four-attribute service checks consents with it, the smartphone desk the card's proof.
 */
public final class HolderSignature {
    public static final String ALGORITHM = Sha256WithRsa.ALGORITHM;

    private HolderSignature() {
    }

    /** A signature of the wrong length or a key of another kind is simply not a valid signature. */
    public static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        return Sha256WithRsa.verifies(key, signed, signature);
    }
}
