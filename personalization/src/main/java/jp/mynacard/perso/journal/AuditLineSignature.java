package jp.mynacard.perso.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * How an audit line is signed by its operator: the signature covers every other field of the line,
 * in order, name and value length-prefixed (so no value can be shifted into another), including
 * {@code previous}, a hash of the whole line before it. An edited, inserted, removed or reordered
 * line therefore breaks a signature or the chain; a cut-off end of the log does not, which the
 * report and journal show.
 */
final class AuditLineSignature {
    static final String SIGNATURE = "signature";
    static final String PREVIOUS = "previous";

    private AuditLineSignature() {
    }

    /** The bytes the operator signs: every field but the signature. */
    static byte[] signedBytes(Map<String, String> line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<String, String> field : line.entrySet()) {
                if (!SIGNATURE.equals(field.getKey())) {
                    write(out, field.getKey());
                    write(out, field.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What the next line's {@code previous} field holds: SHA-256 (first 16 bytes, hex) of this whole line. */
    static String chainHash(Map<String, String> line) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(signedBytes(line));
            String signature = line.get(SIGNATURE);
            if (signature != null) {
                digest.update(signature.getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    static String encode(byte[] signature) {
        return Base64.getEncoder().encodeToString(signature);
    }

    static boolean verifies(Map<String, String> line, PublicKey key) {
        String encoded = line.get(SIGNATURE);
        if (encoded == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm(key));
            verifier.initVerify(key);
            verifier.update(signedBytes(line));
            return verifier.verify(Base64.getDecoder().decode(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature that is not even well formed does not verify
        }
    }

    static String algorithm(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
