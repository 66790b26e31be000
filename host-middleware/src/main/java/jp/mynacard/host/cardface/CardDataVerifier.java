package jp.mynacard.host.cardface;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.cardface.InputHelperVerification.Problem;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.card.Sha256WithRsa;

/**
 * Checks EF 0001 and EF 0002 against the centre's signature in EF 0003 (spec §4), from the
 * bytes alone: recomputes both hashes and verifies the signature with the signer's key.
 * Every check runs, so the result names each part that failed. Its signature and certificate
 * checks serve the card-surface AP too.
 */
final class CardDataVerifier {
    private CardDataVerifier() {
    }

    /** {@code trusted}: the signer certificate (X.509, as the centre publishes it) the caller expects, or null to accept the card's own. */
    static InputHelperVerification verify(byte[] myNumberEf, byte[] attributesEf, byte[] signatureEf,
            CardVerifiableCertificate signer, X509Certificate trusted) {
        SignatureFile signature = SignatureFile.parse(signatureEf);
        byte[] signedAttributes = AttributesFile.parse(attributesEf).signedPart();
        List<Problem> problems = new ArrayList<>();
        if (!MessageDigest.isEqual(sha256(myNumberEf), signature.myNumberHash())) {
            problems.add(Problem.MY_NUMBER_HASH_MISMATCH);
        }
        if (!MessageDigest.isEqual(sha256(signedAttributes), signature.attributesHash())) {
            problems.add(Problem.ATTRIBUTES_HASH_MISMATCH);
        }
        if (!signatureValid(signer.publicKey(), signature.signedData(), signature.signature())) {
            problems.add(Problem.SIGNATURE_INVALID);
        }
        if (trusted != null && !isPinnedSigner(signer, trusted)) {
            problems.add(Problem.UNEXPECTED_SIGNER);
        }
        return new InputHelperVerification(problems);
    }

    /** SHA256withRSA, the card-data signer's algorithm for every signature of the card-face APs. */
    static boolean signatureValid(PublicKey key, byte[] signedData, byte[] signature) {
        return Sha256WithRsa.verifies(key, signedData, signature);
    }

    /**
     * Whether the card's card-verifiable certificate is the centre's signer as its X.509
     * certificate names it: the same key, and the certificate signed by that key.
     */
    static boolean isPinnedSigner(CardVerifiableCertificate signer, X509Certificate trusted) {
        return signer.isSelfIssuedFor(trusted.getPublicKey());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
