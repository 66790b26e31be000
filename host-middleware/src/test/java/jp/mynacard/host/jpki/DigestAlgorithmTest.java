package jp.mynacard.host.jpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256DigestInfoIsTheStandardPrefixPlusTheHash() {
        byte[] hash = DigestAlgorithm.SHA256.digest("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HEX.formatHex(hash));
        assertEquals("3031300d060960864801650304020105000420" + HEX.formatHex(hash),
                HEX.formatHex(DigestAlgorithm.SHA256.digestInfo(hash)));
    }

    @Test
    void sha384AndSha512UseTheirOwnPrefixes() {
        assertEquals("3041300d060960864801650304020205000430" + "00".repeat(48),
                HEX.formatHex(DigestAlgorithm.SHA384.digestInfo(new byte[48])));
        assertEquals("3051300d060960864801650304020305000440" + "00".repeat(64),
                HEX.formatHex(DigestAlgorithm.SHA512.digestInfo(new byte[64])));
    }

    @Test
    void rejectsAHashOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> DigestAlgorithm.SHA256.digestInfo(new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> DigestAlgorithm.SHA512.digestInfo(new byte[32]));
    }

    @Test
    void parsesTheUsualSpellings() {
        assertEquals(DigestAlgorithm.SHA256, DigestAlgorithm.fromName("sha256"));
        assertEquals(DigestAlgorithm.SHA384, DigestAlgorithm.fromName("SHA-384"));
        assertEquals(DigestAlgorithm.SHA512, DigestAlgorithm.fromName("sha-512"));
        assertEquals("SHA384withRSA", DigestAlgorithm.SHA384.jcaSignatureName());
        assertThrows(IllegalArgumentException.class, () -> DigestAlgorithm.fromName("md5"));
    }
}
