package jp.mynacard.jlis.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * How the registry names a certificate's public key: the SHA-256 of its SubjectPublicKeyInfo DER,
 * 64 lowercase hex digits. A personalization bureau journals the same digest before it asks for
 * certificates, so certificates whose issuance answer it lost can still be found by key.
 */
public final class PublicKeyDigest {
    private static final HexFormat HEX = HexFormat.of();

    private PublicKeyDigest() {
    }

    /** The digest of the key in an issued certificate; empty when {@code der} is not an X.509 certificate. */
    static Optional<String> ofCertificate(byte[] der) {
        try {
            return Optional.of(of(Certificate.getInstance(der).getSubjectPublicKeyInfo().getEncoded("DER")));
        } catch (IllegalArgumentException | ClassCastException | java.io.IOException e) {
            // only the registry's own tests record stand-in bytes; such rows are not found by key
            return Optional.empty();
        }
    }

    /** The digest of a SubjectPublicKeyInfo DER (what {@code PublicKey.getEncoded()} gives for RSA). */
    public static String of(byte[] subjectPublicKeyInfo) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Checks and normalises a digest given by a caller (either case). */
    public static String parse(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("a public key digest is the SHA-256 of the SubjectPublicKeyInfo, "
                    + "64 hex digits, not '" + (hex == null ? "" : abbreviated(hex)) + "'");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
