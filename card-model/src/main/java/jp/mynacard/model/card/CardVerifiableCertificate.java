package jp.mynacard.model.card;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The card-data signer's card-verifiable certificate in EF 0004 of both card-face APs (spec §4,
 * row C5): {@code 7F 21} { {@code 5F 4E} body, {@code 5F 37} signature }, the body being the
 * 16-byte issuer key id, the 16-byte subject key id, then the RSA public key as {@code 90}
 * exponent and {@code 91} modulus. With e = 65537 and a 2048-bit key it is 568 bytes, the size
 * public readers of the real card read. The signature is RSASSA-PKCS1-v1_5 with SHA-256 over the
 * whole {@code 5F 4E} element (the real card's scheme is not public: our choice). The centre's
 * signer issues its own (issuer = subject), so the host pins the signer's key, which the centre
 * also publishes as an X.509 certificate.
 */
public final class CardVerifiableCertificate {
    public static final int TAG_CERTIFICATE = 0x7F21;
    public static final int TAG_BODY = 0x5F4E;
    public static final int TAG_SIGNATURE = 0x5F37;
    public static final int KEY_ID_LENGTH = 16;
    private static final String WHAT = "card-verifiable certificate (EF 0004)";

    private final byte[] encoded;
    private final byte[] body;
    private final byte[] issuerKeyId;
    private final byte[] subjectKeyId;
    private final RSAPublicKey publicKey;
    private final byte[] signature;

    private CardVerifiableCertificate(byte[] encoded, byte[] body, byte[] issuerKeyId, byte[] subjectKeyId,
            RSAPublicKey publicKey, byte[] signature) {
        this.encoded = encoded;
        this.body = body;
        this.issuerKeyId = issuerKeyId;
        this.subjectKeyId = subjectKeyId;
        this.publicKey = publicKey;
        this.signature = signature;
    }

    /** Parses the certificate at the start of {@code data}; bytes after it (an EF's padding) are ignored. */
    public static CardVerifiableCertificate parse(byte[] data) {
        BerTlv certificate = BerTlv.parse(data, 0, data.length, WHAT).requireTag(TAG_CERTIFICATE, WHAT);
        List<BerTlv> parts = certificate.children(WHAT);
        if (parts.size() != 2) {
            throw new MalformedCardDataException(WHAT + ": expected a body and a signature, found " + parts.size() + " elements");
        }
        BerTlv body = parts.get(0).requireTag(TAG_BODY, WHAT);
        BerTlv signature = parts.get(1).requireTag(TAG_SIGNATURE, WHAT);
        byte[] value = body.value();
        if (value.length <= 2 * KEY_ID_LENGTH) {
            throw new MalformedCardDataException(WHAT + ": body of " + value.length + " bytes holds no public key");
        }
        return new CardVerifiableCertificate(certificate.encoded(), body.encoded(),
                Arrays.copyOf(value, KEY_ID_LENGTH), Arrays.copyOfRange(value, KEY_ID_LENGTH, 2 * KEY_ID_LENGTH),
                CardKeyTemplate.parse(Arrays.copyOfRange(value, 2 * KEY_ID_LENGTH, value.length), WHAT), signature.value());
    }

    /**
     * The certificate a signer gives its own key: issuer and subject are {@link #keyIdOf} that key,
     * and {@code signer} (SHA256withRSA with the matching private key) signs the body.
     */
    public static CardVerifiableCertificate selfIssued(RSAPublicKey key, UnaryOperator<byte[]> signer) {
        byte[] keyId = keyIdOf(key);
        byte[] body = BerTlv.encode(TAG_BODY, BerTlv.concat(keyId, keyId, CardKeyTemplate.encode(key)));
        byte[] signature = signer.apply(body);
        return parse(BerTlv.encode(TAG_CERTIFICATE, BerTlv.concat(body, BerTlv.encode(TAG_SIGNATURE, signature))));
    }

    /** A key's 16-byte id: the first 16 bytes of SHA-256 over its modulus (our choice; the real derivation is not public). */
    public static byte[] keyIdOf(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CardKeyTemplate.unsigned(key.getModulus()));
            return Arrays.copyOf(digest, KEY_ID_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Whether the signature verifies with {@code issuerKey} (for a self-issued certificate: its own key). */
    public boolean isSignedBy(PublicKey issuerKey) {
        return Sha256WithRsa.verifies(issuerKey, body, signature);
    }

    /** Whether this certificate carries {@code key} and is signed by it: the host's pin on the centre's signer. */
    public boolean isSelfIssuedFor(PublicKey key) {
        return key instanceof RSAPublicKey rsa
                && rsa.getModulus().equals(publicKey.getModulus())
                && rsa.getPublicExponent().equals(publicKey.getPublicExponent())
                && Arrays.equals(issuerKeyId, subjectKeyId)
                && isSignedBy(key);
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public byte[] issuerKeyId() {
        return issuerKeyId.clone();
    }

    public byte[] subjectKeyId() {
        return subjectKeyId.clone();
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardVerifiableCertificate that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "CardVerifiableCertificate[subject " + java.util.HexFormat.of().formatHex(subjectKeyId)
                + ", " + publicKey.getModulus().bitLength() + "-bit RSA]";
    }
}
