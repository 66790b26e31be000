package jp.mynacard.host.freearea;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tenant's AES-128 slot key. Never printed: {@link #toString()} says only what it is. A key
 * file holds the 32 hex digits on one line, as the counter handed them to the tenant.
 */
public final class TenantKey {
    public static final int LENGTH = 16;
    private final SecretKey key;

    private TenantKey(byte[] material) {
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("a tenant key is 16 bytes (AES-128), not " + material.length);
        }
        key = new SecretKeySpec(material, "AES");
    }

    public static TenantKey of(byte[] material) {
        return new TenantKey(material);
    }

    /** Reads a key file: 32 hex digits; the file's content is never echoed in an error. */
    public static TenantKey read(Path file) throws IOException {
        String text = Files.readString(file).strip();
        if (text.length() != 2 * LENGTH || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(file + " does not hold a tenant key (32 hex digits)");
        }
        byte[] material = HexFormat.of().parseHex(text);
        try {
            return new TenantKey(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** The key as JCA uses it. */
    public SecretKey secretKey() {
        return key;
    }

    /** The raw bytes, for CREATE SLOT: the caller wipes them after use. */
    public byte[] material() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "TenantKey[AES-128]";
    }
}
