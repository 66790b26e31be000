package jp.mynacard.perso.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * How the journal names a card's public key before asking the centre to certify it: the SHA-256
 * of its SubjectPublicKeyInfo DER, 64 lowercase hex digits, the digest the centre indexes its
 * certificates by. Identifies the key without revealing anything about the holder.
 */
public final class PublicKeyHash {
    private PublicKeyHash() {
    }

    public static String of(PublicKey key) {
        if (!"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("a public key encoded as SubjectPublicKeyInfo is needed, not " + key.getFormat());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
