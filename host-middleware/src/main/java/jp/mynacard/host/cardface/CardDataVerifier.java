package jp.mynacard.host.cardface;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mynacard.host.cardface.InputHelperVerification.Problem;

/**
 * Checks EF 0001 and EF 0002 against the centre's signature in EF 0003 (spec §4), from the
 * bytes alone: recomputes both hashes and verifies the signature with the signer's key.
 * Every check runs, so the result names each part that failed. Its signature and certificate
 * checks serve the card-surface AP too.
 */
final class CardDataVerifier {
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private CardDataVerifier() {
    }

    /** {@code trusted}: the signer certificate the caller expects, or null to accept the card's own. */
    static InputHelperVerification verify(byte[] myNumberEf, byte[] attributesEf, byte[] signatureEf,
            X509Certificate signer, X509Certificate trusted) {
        SignatureFile signature = SignatureFile.parse(signatureEf);
        byte[] signedAttributes = AttributesFile.parse(attributesEf).signedPart();
        List<Problem> problems = new ArrayList<>();
        if (!MessageDigest.isEqual(sha256(myNumberEf), signature.myNumberHash())) {
            problems.add(Problem.MY_NUMBER_HASH_MISMATCH);
        }
        if (!MessageDigest.isEqual(sha256(signedAttributes), signature.attributesHash())) {
            problems.add(Problem.ATTRIBUTES_HASH_MISMATCH);
        }
        if (!signatureValid(signer.getPublicKey(), signature.signedData(), signature.signature())) {
            problems.add(Problem.SIGNATURE_INVALID);
        }
        if (trusted != null && !sameCertificate(signer, trusted)) {
            problems.add(Problem.UNEXPECTED_SIGNER);
        }
        return new InputHelperVerification(problems);
    }

    /** SHA256withRSA, the card-data signer's algorithm for every signature of the card-face APs. */
    static boolean signatureValid(PublicKey key, byte[] signedData, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedData);
            return verifier.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            // a garbled signature value or a non-RSA key: not a valid signature either way
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(SIGNATURE_ALGORITHM + " is required of every JDK", e);
        }
    }

    static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
