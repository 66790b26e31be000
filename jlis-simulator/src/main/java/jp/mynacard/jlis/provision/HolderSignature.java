package jp.mynacard.jlis.provision;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Checks a holder's signature made on the card with the signature key: SHA256withRSA (PKCS#1 v1.5).
 * The four-attribute service checks consents with it, the smartphone desk the card's proof.
 */
public final class HolderSignature {
    public static final String ALGORITHM = "SHA256withRSA";

    private HolderSignature() {
    }

    public static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or a key of another kind: simply not a valid signature
            return false;
        }
    }
}
