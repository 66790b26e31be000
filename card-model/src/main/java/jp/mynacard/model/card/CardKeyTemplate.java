package jp.mynacard.model.card;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * An RSA public key as the card-face files carry it: {@code 90} exponent, then {@code 91} modulus,
 * unsigned big-endian. The card-authentication key in the card-surface AP's front face (DF 24),
 * age record (DF 12) and back face (DF 42), and the signer's key inside the card-verifiable
 * certificate of EF 0004 (spec §4–§5): the bureau writes it with {@link #encode}, readers take it
 * back with {@link #parse}.
 */
public final class CardKeyTemplate {
    static final int TAG_EXPONENT = 0x90;
    static final int TAG_MODULUS = 0x91;
    private static final int SHORTEST_MODULUS_BITS = 1024;

    private CardKeyTemplate() {
    }

    public static byte[] encode(RSAPublicKey key) {
        return BerTlv.concat(BerTlv.encode(TAG_EXPONENT, unsigned(key.getPublicExponent())),
                BerTlv.encode(TAG_MODULUS, unsigned(key.getModulus())));
    }

    /** The key whose template is exactly {@code template}; {@code what} names the file in errors. */
    public static RSAPublicKey parse(byte[] template, String what) {
        BerTlv exponent = BerTlv.parse(template, 0, template.length, what).requireTag(TAG_EXPONENT, what);
        int modulusAt = exponent.encoded().length;
        BerTlv modulus = BerTlv.parse(template, modulusAt, template.length, what).requireTag(TAG_MODULUS, what);
        if (modulusAt + modulus.encoded().length != template.length) {
            throw new MalformedCardDataException(what + ": bytes after the public key's modulus");
        }
        BigInteger e = new BigInteger(1, exponent.value());
        BigInteger n = new BigInteger(1, modulus.value());
        if (e.signum() == 0 || n.bitLength() < SHORTEST_MODULUS_BITS) {
            throw new MalformedCardDataException(what + ": the public key is not a usable RSA key");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (InvalidKeySpecException ex) {
            throw new MalformedCardDataException(what + ": not a valid RSA public key");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA is required of every JDK", ex);
        }
    }

    /** The magnitude without BigInteger's sign byte. */
    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
