package jp.mynacard.perso.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.Security;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The CMAC built on a provider's raw AES (for token keys) against RFC 4493 and BouncyCastle's. */
class TokenCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecretKeySpec RFC_KEY = new SecretKeySpec(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "AES");

    @Test
    void matchesTheRfc4493Examples() {
        String message = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411";
        assertArrayEquals(HEX.parseHex("bb1d6929e95937287fa37d129b756746"), cmac(new byte[0]));
        assertArrayEquals(HEX.parseHex("070a16b46b4d4144f79bdd9dd04a287c"), cmac(HEX.parseHex(message.substring(0, 32))));
        assertArrayEquals(HEX.parseHex("dfa66747de9ae63030ca32611497c827"), cmac(HEX.parseHex(message)));
    }

    @Test
    void agreesWithBouncyCastleForEveryLengthUpToFourBlocks() {
        for (int length = 0; length <= 64; length++) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) (i * 7 + length);
            }
            assertArrayEquals(AesCmacKdf.cmac(RFC_KEY, message), cmac(message), "length " + length);
        }
    }

    @Test
    void theCardKeyDiversificationIsTheSameEitherWay() {
        byte[] label = "mynacard card key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] serial = "VC0000000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(AesCmacKdf.counterMode(RFC_KEY, label, serial),
                AesCmacKdf.counterMode(RFC_KEY, Security.getProvider("SunJCE"), label, serial));
    }

    private static byte[] cmac(byte[] message) {
        return TokenCmac.cmac(RFC_KEY, Security.getProvider("SunJCE"), message);
    }
}
