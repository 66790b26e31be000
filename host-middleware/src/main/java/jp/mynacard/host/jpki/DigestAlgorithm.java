package jp.mynacard.host.jpki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Hashes the card's RSA keys sign with: the card only pads, so the host builds the DigestInfo. */
public enum DigestAlgorithm {
    SHA256("SHA-256", "3031300d060960864801650304020105000420", 32),
    SHA384("SHA-384", "3041300d060960864801650304020205000430", 48),
    SHA512("SHA-512", "3051300d060960864801650304020305000440", 64);

    private final String jcaName;
    private final byte[] digestInfoPrefix;
    private final int hashLength;

    DigestAlgorithm(String jcaName, String digestInfoPrefixHex, int hashLength) {
        this.jcaName = jcaName;
        this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefixHex);
        this.hashLength = hashLength;
    }

    public byte[] digest(byte[] message) {
        try {
            return MessageDigest.getInstance(jcaName).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is required of every JDK", e);
        }
    }

    /** DER DigestInfo (RFC 8017 §9.2 note 1 prefixes) around {@code hash}. */
    public byte[] digestInfo(byte[] hash) {
        if (hash == null || hash.length != hashLength) {
            throw new IllegalArgumentException(name() + " hash must be " + hashLength + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
        byte[] info = new byte[digestInfoPrefix.length + hashLength];
        System.arraycopy(digestInfoPrefix, 0, info, 0, digestInfoPrefix.length);
        System.arraycopy(hash, 0, info, digestInfoPrefix.length, hashLength);
        return info;
    }

    /**
     * DER DigestInfo with this algorithm's identifier around an octet string of any length up to
     * 255: the card-surface AP's front-face signature (spec §5) puts three SHA-256 hashes, 96
     * bytes, under the sha256 identifier.
     */
    public byte[] digestInfoHolding(byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("DigestInfo value of " + value.length + " bytes: at most 255");
        }
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        // the prefix is 30 LL <AlgorithmIdentifier> 04 HL: keep the identifier
        inner.write(digestInfoPrefix, 2, digestInfoPrefix.length - 4);
        inner.write(0x04);
        writeLength(inner, value.length);
        inner.writeBytes(value);
        java.io.ByteArrayOutputStream info = new java.io.ByteArrayOutputStream();
        info.write(0x30);
        writeLength(info, inner.size());
        info.writeBytes(inner.toByteArray());
        return info.toByteArray();
    }

    private static void writeLength(java.io.ByteArrayOutputStream out, int length) {
        if (length >= 0x80) {
            out.write(length > 0xFF ? 0x82 : 0x81);
            if (length > 0xFF) {
                out.write(length >> 8);
            }
        }
        out.write(length & 0xFF);
    }

    public int hashLength() {
        return hashLength;
    }

    public String jcaSignatureName() {
        return name() + "withRSA";
    }

    /** Accepts "sha256", "SHA-256", "sha-384", ... */
    public static DigestAlgorithm fromName(String name) {
        String normal = name == null ? "" : name.replace("-", "").toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.name().equals(normal)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash '" + name + "', expected sha256, sha384 or sha512");
    }
}
