package jp.mynacard.model.card;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * RSASSA-PKCS1-v1_5 with SHA-256: how the centre's card-data signer signs the card-face files and
 * certificates, and how a holder's card signs with its JPKI keys.
 */
public final class Sha256WithRsa {
    public static final String ALGORITHM = "SHA256withRSA";

    private Sha256WithRsa() {
    }

    /** Whether {@code signature} is {@code key}'s over {@code data}; a garbled signature or a non-RSA key is simply not. */
    public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every JDK", e);
        }
    }
}
