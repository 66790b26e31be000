package jp.mynacard.perso.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerMasterKeyTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final byte[] AID = HexFormat.of().parseHex("D392F000260100000001");

    @TempDir
    Path dir;

    @Test
    void loadsTheSecretKeyEntryOfAPkcs12Keystore() throws Exception {
        byte[] value = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        Path keystore = keystore(value);
        IssuerMasterKey loaded = IssuerMasterKey.load(keystore, PASSWORD, "issuer");
        IssuerMasterKey same = new IssuerMasterKey(new SecretKeySpec(value, "AES"));
        byte[] serial = "VC0000000001".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(ChipInstallData.of(AID, serial, same), ChipInstallData.of(AID, serial, loaded));
        assertFalse(loaded.toString().contains("0001020304"), "never shows the key");
    }

    @Test
    void eachSerialGetsItsOwnCardKey() {
        IssuerMasterKey master = new IssuerMasterKey(new SecretKeySpec(new byte[16], "AES"));
        byte[] one = cardKeyOf(ChipInstallData.of(AID, "VC0000000001".getBytes(StandardCharsets.US_ASCII), master));
        byte[] two = cardKeyOf(ChipInstallData.of(AID, "VC0000000002".getBytes(StandardCharsets.US_ASCII), master));
        assertEquals(16, one.length);
        assertFalse(Arrays.equals(one, two));
    }

    @Test
    void aMissingEntryOrWrongPasswordIsAClearError() throws Exception {
        Path keystore = keystore(new byte[16]);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> IssuerMasterKey.load(keystore, PASSWORD, "other"));
        assertTrue(missing.getMessage().contains("'other'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IssuerMasterKey.load(keystore, "wrong".toCharArray(), "issuer"));
        assertThrows(IllegalArgumentException.class, () -> new IssuerMasterKey(new SecretKeySpec(new byte[32], "AES")));
    }

    /** The last 16 bytes of the install data: {@code ... 10 K}. */
    private static byte[] cardKeyOf(byte[] installData) {
        assertEquals(0x10, installData[installData.length - 17]);
        return Arrays.copyOfRange(installData, installData.length - 16, installData.length);
    }

    private Path keystore(byte[] value) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setEntry("issuer", new KeyStore.SecretKeyEntry(new SecretKeySpec(value, "AES")), new KeyStore.PasswordProtection(PASSWORD));
        Path file = dir.resolve("issuer.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }
}
