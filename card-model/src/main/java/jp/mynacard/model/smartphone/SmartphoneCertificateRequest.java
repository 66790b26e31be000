package jp.mynacard.model.smartphone;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a holder asks the centre for a phone's JPKI certificates with: the phone's two public
 * keys, generated in its secure element. The holder's card signs {@link #signedBytes()} with its
 * signature key (the signature PIN verified), which proves possession of the card; the centre
 * issues only against that proof and a good card signature certificate, to the holder that
 * certificate names.
 */
public record SmartphoneCertificateRequest(SmartphonePlatform platform, RSAPublicKey authKey, RSAPublicKey signKey) {
    private static final String HEADER = "mynacard smartphone certificate request v1";

    public SmartphoneCertificateRequest {
        Objects.requireNonNull(platform);
        Objects.requireNonNull(authKey);
        Objects.requireNonNull(signKey);
        if (authKey.getModulus().equals(signKey.getModulus())) {
            throw new IllegalArgumentException("the phone's authentication and signature keys must differ");
        }
    }

    /**
     * The bytes the card signs (SHA256withRSA): a header line, the platform, then the SHA-256 of
     * each key's SubjectPublicKeyInfo in hex, authentication first, each line ending in LF.
     */
    public byte[] signedBytes() {
        return (HEADER + "\n" + platform.word() + "\n" + keyDigest(authKey) + "\n" + keyDigest(signKey) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo, lower-case hex: as the centre's admin API names keys. */
    public static String keyDigest(RSAPublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
