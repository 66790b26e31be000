package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * Personalizes a JPKI AP with the personalization commands of docs/personalization-commands.md
 * over the secure channel ({@link WireCard#secure}), each written out as its APDU. Certificate EFs get DER-shaped content
 * of distinct sizes (30 82 len ...): the wire contract is about bytes, not X.509 semantics.
 */
final class JpkiWirePersonalization {
    static final String AUTH_PIN = "1234";
    static final String SIGN_PIN = "ABCDEF12";
    static final int AUTH_CERT_SIZE = 1412;
    static final int SIGN_CERT_SIZE = 1811;
    static final int AUTH_CA_CERT_SIZE = 903;
    static final int SIGN_CA_CERT_SIZE = 951;

    RSAPublicKey authKey;
    RSAPublicKey signKey;

    static JpkiWirePersonalization personalizeAndLock(WireCard card) {
        JpkiWirePersonalization perso = personalize(card);
        assertEquals(0x9000, card.lock());
        return perso;
    }

    static JpkiWirePersonalization personalize(WireCard card) {
        JpkiWirePersonalization perso = new JpkiWirePersonalization();
        card.selectJpki();
        perso.authKey = generateKeyPair(card, 0x0017);
        perso.signKey = generateKeyPair(card, 0x001A);
        writeEf(card, "000A", certificateShaped(AUTH_CERT_SIZE, 0x0A));
        writeEf(card, "000B", certificateShaped(AUTH_CA_CERT_SIZE, 0x0B));
        writeEf(card, "0001", certificateShaped(SIGN_CERT_SIZE, 0x01));
        writeEf(card, "0002", certificateShaped(SIGN_CA_CERT_SIZE, 0x02));
        card.secureOk(WireCard.setPin(0x0018, AUTH_PIN));
        card.secureOk(WireCard.setPin(0x001B, SIGN_PIN));
        return perso;
    }

    /** GENERATE KEY PAIR on that key EF; parses the 7F49 template it answers. */
    static RSAPublicKey generateKeyPair(WireCard card, int keyFid) {
        byte[] template = card.secureOk(WireCard.generateKeyPair(keyFid));
        assertEquals(270, template.length, "7F49 82 0109 { 81 82 0100 modulus, 82 03 exponent }");
        assertEquals("7f49820109818201" + "00", WireCard.hex(Arrays.copyOfRange(template, 0, 9)));
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(template, 9, 265));
        assertEquals("8203010001", WireCard.hex(Arrays.copyOfRange(template, 265, 270)));
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** UPDATE BINARY in chunks that fit a short APDU once encrypted and MACed (docs/personalization-commands.md). */
    static void writeEf(WireCard card, String fid, byte[] content) {
        int chunkSize = 237;
        for (int offset = 0; offset < content.length; offset += chunkSize) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + chunkSize));
            card.secureOk(WireCard.updateBinary(Integer.parseInt(fid, 16), offset, chunk));
        }
    }

    /** {@code 30 82 <len> <filler>} of exactly {@code size} bytes, so readers can size it from 4 bytes. */
    static byte[] certificateShaped(int size, int filler) {
        byte[] der = new byte[size];
        Arrays.fill(der, (byte) filler);
        der[0] = 0x30;
        der[1] = (byte) 0x82;
        der[2] = (byte) ((size - 4) >> 8);
        der[3] = (byte) (size - 4);
        return der;
    }
}
