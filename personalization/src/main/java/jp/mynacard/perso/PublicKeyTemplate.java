package jp.mynacard.perso;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * Decodes the ISO 7816-8 public key template GENERATE KEY PAIR answers:
 * {@code 7F49 { 81 modulus, 82 public exponent }} (docs/personalization-commands.md).
 */
public final class PublicKeyTemplate {
    private static final int TAG_TEMPLATE = 0x7F49;
    private static final int TAG_MODULUS = 0x81;
    private static final int TAG_EXPONENT = 0x82;

    private PublicKeyTemplate() {
    }

    public static RSAPublicKey decode(byte[] encoded) {
        Tlv template = Tlv.read(encoded, 0);
        if (template.tag != TAG_TEMPLATE || template.end != encoded.length) {
            throw new IllegalArgumentException("not a public key template (7F49)");
        }
        BigInteger modulus = null;
        BigInteger exponent = null;
        for (int at = template.valueOffset; at < template.end; ) {
            Tlv element = Tlv.read(encoded, at);
            if (element.end > template.end) {
                throw new IllegalArgumentException("public key template element overruns the template");
            }
            BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, element.valueOffset, element.end));
            if (element.tag == TAG_MODULUS) {
                modulus = value;
            } else if (element.tag == TAG_EXPONENT) {
                exponent = value;
            }
            at = element.end;
        }
        if (modulus == null || exponent == null) {
            throw new IllegalArgumentException("public key template lacks the modulus (81) or exponent (82)");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the card's public key is not a valid RSA key", e);
        }
    }

    /** One BER-TLV: one- or two-byte tag, short or 81/82 long-form length. */
    private record Tlv(int tag, int valueOffset, int end) {
        static Tlv read(byte[] data, int at) {
            try {
                int tag = data[at++] & 0xFF;
                if ((tag & 0x1F) == 0x1F) {
                    tag = tag << 8 | data[at++] & 0xFF;
                }
                int length = data[at++] & 0xFF;
                if (length == 0x81) {
                    length = data[at++] & 0xFF;
                } else if (length == 0x82) {
                    length = (data[at++] & 0xFF) << 8 | data[at++] & 0xFF;
                } else if (length > 0x7F) {
                    throw new IllegalArgumentException("unsupported BER length form " + Integer.toHexString(length));
                }
                if (at + length > data.length) {
                    throw new IllegalArgumentException("public key template truncated");
                }
                return new Tlv(tag, at, at + length);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("public key template truncated", e);
            }
        }
    }
}
