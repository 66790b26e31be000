package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;

/**
 * Personalizes a JPKI AP with the raw pre-lock commands of docs/personalization-commands.md,
 * so the wire tests depend on nothing but the applet. Certificate EFs get DER-shaped content
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
        card.ok("80440000");
        return perso;
    }

    static JpkiWirePersonalization personalize(WireCard card) {
        JpkiWirePersonalization perso = new JpkiWirePersonalization();
        card.selectJpki();
        card.selectEf("0017");
        perso.authKey = generateKeyPair(card);
        card.selectEf("001A");
        perso.signKey = generateKeyPair(card);
        writeEf(card, "000A", certificateShaped(AUTH_CERT_SIZE, 0x0A));
        writeEf(card, "000B", certificateShaped(AUTH_CA_CERT_SIZE, 0x0B));
        writeEf(card, "0001", certificateShaped(SIGN_CERT_SIZE, 0x01));
        writeEf(card, "0002", certificateShaped(SIGN_CA_CERT_SIZE, 0x02));
        card.selectEf("0018");
        card.ok(new CommandAPDU(0x80, 0x2C, 0x02, 0x80, AUTH_PIN.getBytes(StandardCharsets.US_ASCII)));
        card.selectEf("001B");
        card.ok(new CommandAPDU(0x80, 0x2C, 0x02, 0x80, SIGN_PIN.getBytes(StandardCharsets.US_ASCII)));
        return perso;
    }

    /** GENERATE KEY PAIR on the selected key EF; parses the 7F49 template it answers. */
    static RSAPublicKey generateKeyPair(WireCard card) {
        byte[] template = card.ok(new CommandAPDU(0x80, 0x46, 0x00, 0x00, 65536));
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

    static void writeEf(WireCard card, String fid, byte[] content) {
        card.selectEf(fid);
        for (int offset = 0; offset < content.length; offset += 255) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + 255));
            card.ok(new CommandAPDU(0x80, 0xD6, offset >> 8, offset & 0xFF, chunk));
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
