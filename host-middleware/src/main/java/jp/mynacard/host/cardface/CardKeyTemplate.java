package jp.mynacard.host.cardface;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The card-authentication public key as the card-surface AP's files carry it (spec §5: front
 * face DF 24, age record DF 12, back face DF 42): {@code 90} exponent, {@code 91} modulus.
 */
final class CardKeyTemplate {
    private static final int TAG_EXPONENT = 0x90;
    private static final int TAG_MODULUS = 0x91;
    private static final int SHORTEST_MODULUS_BITS = 1024;

    private CardKeyTemplate() {
    }

    /** The key in {@code field}'s value; {@code what} names the file in errors. */
    static RSAPublicKey parse(BerTlv field, String what) {
        List<BerTlv> parts = field.children(what);
        if (parts.size() != 2) {
            throw new MalformedCardDataException(what + ": the card-authentication key has " + parts.size()
                    + " elements, expected 2 (90 exponent, 91 modulus)");
        }
        BigInteger exponent = new BigInteger(1, parts.get(0).requireTag(TAG_EXPONENT, what).value());
        BigInteger modulus = new BigInteger(1, parts.get(1).requireTag(TAG_MODULUS, what).value());
        if (exponent.signum() == 0 || modulus.bitLength() < SHORTEST_MODULUS_BITS) {
            throw new MalformedCardDataException(what + ": the card-authentication key is not a usable RSA key");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (InvalidKeySpecException e) {
            throw new MalformedCardDataException(what + ": the card-authentication key is not a valid RSA key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is required of every JDK", e);
        }
    }
}
