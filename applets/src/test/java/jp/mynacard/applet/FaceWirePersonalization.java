package jp.mynacard.applet;

import static jp.mynacard.applet.JpkiWirePersonalization.certificateShaped;
import static jp.mynacard.applet.JpkiWirePersonalization.writeEf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * Personalizes the card-face APs (spec §4, §5) of a {@link WireCard} with the personalization
 * commands of docs/personalization-commands.md over the secure channel, for the sample holder of spec §7, with files
 * of realistic structure and size (a 12 KB front face). Signatures are by a throwaway
 * card-data signer made here: the wire contract is about bytes and access, not the centre.
 */
final class FaceWirePersonalization {
    static final String PIN = "1234";
    static final String PIN_A = "123456789018";
    static final String PIN_B = "01033120345678";
    static final String BIRTH_DATE_KEY = "010331";
    static final String NAME = "番号　花子";
    static final String ADDRESS = "東京都千代田区霞が関二丁目１番２号";
    static final int SIGNER_CERT_SIZE = 1123;
    static final int FRONT_FACE_SIZE = 12 * 1024;
    static final int BACK_FACE_SIZE = 3 * 1024;

    private static final KeyPair SIGNER = signerKeyPair();

    // the card-input-helper AP's files as written
    byte[] myNumber;
    byte[] attributes;
    byte[] signature;
    byte[] apBasicData;
    // the card-surface AP's files as written
    RSAPublicKey cardAuthKey;
    byte[] ageRecord;
    byte[] frontFace;
    byte[] apInfo;
    byte[] backFace;
    byte[] signerCertificate = certificateShaped(SIGNER_CERT_SIZE, 0x04);

    /** Both card-face APs personalized and locked (the JPKI AP, if installed, is left alone). */
    static FaceWirePersonalization personalizeAndLock(WireCard card) {
        FaceWirePersonalization perso = new FaceWirePersonalization();
        perso.personalizeInputHelper(card);
        assertEquals(0x9000, card.lock());
        perso.personalizeSurface(card);
        assertEquals(0x9000, card.lock());
        return perso;
    }

    /** Everything but LOCK, on the card-input-helper AP (selects it). */
    void personalizeInputHelper(WireCard card) {
        myNumber = myNumberFile();
        attributes = attributes();
        signature = inputHelperSignature(myNumber, attributes);
        apBasicData = apBasicData();
        card.selectInputHelper();
        writeEf(card, "0001", myNumber);
        writeEf(card, "0002", attributes);
        writeEf(card, "0003", signature);
        writeEf(card, "0004", signerCertificate);
        writeEf(card, "0005", apBasicData);
        setPin(card, "0011", PIN);
        setPin(card, "0014", PIN_A);
        setPin(card, "0015", PIN_B);
    }

    /** EF 0001 as the real card holds it: FF 10 0C, the 12 digits, FF FF (17 bytes). */
    static byte[] myNumberFile() {
        return concat(bytes("FF100C"), ascii(PIN_A), bytes("FFFF"));
    }

    /** EF 0005: FF 40 { DF 41 04 AP information, DF 42 10 key id } padded with FF to 256 bytes. */
    static byte[] apBasicData() {
        byte[] content = tlv(0xFF40, concat(tlv(0xDF41, bytes("01000000")), tlv(0xDF42, bytes("00112233445566778899AABBCCDDEEFF"))));
        byte[] file = java.util.Arrays.copyOf(content, 256);
        java.util.Arrays.fill(file, content.length, file.length, (byte) 0xFF);
        return file;
    }

    /** Everything but LOCK, on the card-surface AP (selects it): the key first, as the face holds it. */
    void personalizeSurface(WireCard card) {
        card.selectSurface();
        cardAuthKey = JpkiWirePersonalization.generateKeyPair(card, 0x0017);
        ageRecord = ageRecord(cardAuthKey);
        frontFace = frontFace(cardAuthKey, FRONT_FACE_SIZE);
        apInfo = tlv(0xFF30, concat(tlv(0xDF31, bytes("01010402")), tlv(0xDF32, ascii("MN2026000001")), tlv(0xDF33, bytes("01")),
                tlv(0xDF34, ascii("131016"))));
        backFace = backFace();
        writeEf(card, "0001", ageRecord);
        writeEf(card, "0002", frontFace);
        writeEf(card, "0003", apInfo);
        writeEf(card, "0004", signerCertificate);
        writeEf(card, "0005", backFace);
        setPin(card, "0011", BIRTH_DATE_KEY);
        setPin(card, "0012", PIN_B);
        setPin(card, "0013", PIN_A);
    }

    static void setPin(WireCard card, String fid, String pin) {
        card.secureOk(WireCard.setPin(Integer.parseInt(fid, 16), pin));
    }

    // ---- spec §4 ----

    /** FF 20 { DF 21 offsets, DF 22 name, DF 23 address, DF 24 birth date, DF 25 sex }. */
    static byte[] attributes() {
        byte[][] items = {
            tlv(0xDF22, NAME.getBytes(StandardCharsets.UTF_8)),
            tlv(0xDF23, ADDRESS.getBytes(StandardCharsets.UTF_8)),
            tlv(0xDF24, ascii("19890331")),
            tlv(0xDF25, ascii("2")),
        };
        return withOffsetTable(0xFF20, 0xDF21, items);
    }

    /** FF 30 82 01 4B { DF 31 20 sha(EF 0001), DF 32 20 sha(EF 0002 value without DF 21), DF 33 82 01 00 sig }. */
    static byte[] inputHelperSignature(byte[] myNumber, byte[] attributes) {
        byte[] value = Arrays.copyOfRange(attributes, headerLength(attributes), attributes.length);
        byte[] withoutOffsets = Arrays.copyOfRange(value, headerLength(value) + length(value), value.length);
        byte[] df31 = tlv(0xDF31, sha256(Arrays.copyOf(myNumber, headerLength(myNumber) + length(myNumber))));
        byte[] df32 = tlv(0xDF32, sha256(withoutOffsets));
        return tlv(0xFF30, concat(df31, df32, tlv(0xDF33, sign(concat(df31, df32)))));
    }

    // ---- spec §5 ----

    /** FF 10 { DF 11 birth date, DF 12 the card's key, DF 13 signature over both }: 547 bytes. */
    static byte[] ageRecord(RSAPublicKey cardKey) {
        byte[] birthDate = tlv(0xDF11, ascii("19890331"));
        byte[] key = tlv(0xDF12, keyTemplate(cardKey));
        return tlv(0xFF10, concat(birthDate, key, tlv(0xDF13, sign(concat(birthDate, key)))));
    }

    private static byte[] keyTemplate(RSAPublicKey key) {
        return concat(tlv(0x90, unsigned(key.getPublicExponent())), tlv(0x91, unsigned(key.getModulus())));
    }

    /** FF 20 { DF 21 offsets, DF 22..DF 2A } of exactly {@code size} bytes: the photo takes up the slack. */
    static byte[] frontFace(RSAPublicKey cardKey, int size) {
        byte[] birthDate = tlv(0xDF22, ascii("19890331"));
        byte[] sex = tlv(0xDF23, ascii("2"));
        byte[] publicKey = tlv(0xDF24, keyTemplate(cardKey));
        byte[] nameImage = tlv(0xDF25, png(900, 0x25));
        byte[] addressImage = tlv(0xDF26, png(1800, 0x26));
        byte[] expiry = tlv(0xDF29, ascii("20340331"));
        byte[] securityCode = tlv(0xDF2A, png(300, 0x2A));
        // build once with a nominal photo, then grow the photo by what is missing
        byte[] face = frontFace(birthDate, sex, publicKey, nameImage, addressImage, 8000, expiry, securityCode);
        face = frontFace(birthDate, sex, publicKey, nameImage, addressImage, 8000 + size - face.length, expiry, securityCode);
        return exactly(size, face);
    }

    private static byte[] frontFace(byte[] birthDate, byte[] sex, byte[] publicKey, byte[] nameImage, byte[] addressImage,
            int photoSize, byte[] expiry, byte[] securityCode) {
        byte[] photo = tlv(0xDF27, jpeg2000(photoSize));
        byte[] signature = tlv(0xDF28, signDigests(concat(sha256(concat(birthDate, sex, publicKey)),
                sha256(concat(nameImage, addressImage)), sha256(photo))));
        byte[][] items = {birthDate, sex, publicKey, nameImage, addressImage, photo, signature, expiry, securityCode};
        return withOffsetTable(0xFF20, 0xDF21, items);
    }

    /** FF 40 { DF 41 PNG, DF 42 empty, DF 43 signature }, BACK_FACE_SIZE bytes. */
    static byte[] backFace() {
        int overhead = 5 + 5 + 3 + 5 + 256;
        byte[] image = tlv(0xDF41, png(BACK_FACE_SIZE - overhead, 0x41));
        return exactly(BACK_FACE_SIZE, tlv(0xFF40, concat(image, tlv(0xDF42, new byte[0]), tlv(0xDF43, sign(image)))));
    }

    private static byte[] exactly(int size, byte[] file) {
        if (file.length != size) {
            throw new AssertionError("built " + file.length + " bytes, not " + size);
        }
        return file;
    }

    // ---- BER-TLV with the card's two-byte private tags ----

    /** outer { offsets, items... }, the offsets (u16 each) from the start of outer's value. */
    static byte[] withOffsetTable(int outerTag, int offsetTag, byte[][] items) {
        int tableLength = tlv(offsetTag, new byte[2 * items.length]).length;
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        int at = tableLength;
        for (byte[] item : items) {
            table.write(at >> 8);
            table.write(at);
            at += item.length;
        }
        return tlv(outerTag, concat(tlv(offsetTag, table.toByteArray()), concat(items)));
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length <= 0xFF) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** Tag and length bytes of the TLV at the start (two-byte tags only). */
    static int headerLength(byte[] tlv) {
        int lengthByte = tlv[2] & 0xFF;
        return lengthByte < 0x80 ? 3 : 3 + (lengthByte & 0x7F);
    }

    /** Value length of the TLV at the start (two-byte tags only). */
    static int length(byte[] tlv) {
        int lengthByte = tlv[2] & 0xFF;
        if (lengthByte < 0x80) {
            return lengthByte;
        }
        int length = 0;
        for (int i = 0; i < (lengthByte & 0x7F); i++) {
            length = length << 8 | tlv[3 + i] & 0xFF;
        }
        return length;
    }

    // ---- content ----

    /** PNG signature, then filler: the card stores bytes, it never decodes an image. */
    static byte[] png(int size, int filler) {
        byte[] image = new byte[size];
        Arrays.fill(image, (byte) filler);
        System.arraycopy(bytes("89504E470D0A1A0A"), 0, image, 0, 8);
        return image;
    }

    /** JPEG 2000 signature box, then pseudo-random bytes like a compressed photo. */
    static byte[] jpeg2000(int size) {
        byte[] image = new byte[size];
        new java.util.Random(size).nextBytes(image);
        System.arraycopy(bytes("0000000C6A5020200D0A870A"), 0, image, 0, 12);
        return image;
    }

    static byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(SIGNER.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * PKCS#1 v1.5 over a DigestInfo whose algorithm is SHA-256 and whose digest is the given
     * concatenation of SHA-256 digests (spec §5, DF 28): {@code 30 xx 30 0d <sha256> 04 60 <96 bytes>}.
     */
    static byte[] signDigests(byte[] digests) {
        byte[] algorithm = bytes("300d06096086480165030402010500");
        byte[] octets = concat(new byte[] {0x04, (byte) digests.length}, digests);
        byte[] body = concat(algorithm, octets);
        byte[] digestInfo = concat(new byte[] {0x30, (byte) body.length}, body);
        try {
            Signature signer = Signature.getInstance("NONEwithRSA");
            signer.initSign(SIGNER.getPrivate());
            signer.update(digestInfo);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The TLVs inside a constructed two-byte-tag TLV, by lower-case hex tag, each with its header. */
    static java.util.Map<String, byte[]> children(byte[] constructed) {
        java.util.Map<String, byte[]> children = new java.util.LinkedHashMap<>();
        int at = headerLength(constructed);
        while (at < constructed.length) {
            byte[] rest = Arrays.copyOfRange(constructed, at, constructed.length);
            int size = headerLength(rest) + length(rest);
            children.put(WireCard.hex(Arrays.copyOf(rest, 2)), Arrays.copyOf(rest, size));
            at += size;
        }
        return children;
    }

    static RSAPublicKey signerPublicKey() {
        return (RSAPublicKey) SIGNER.getPublic();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair signerKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(String hex) {
        return WireCard.bytes(hex);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
