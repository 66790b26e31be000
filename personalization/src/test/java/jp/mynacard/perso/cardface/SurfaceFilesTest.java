package jp.mynacard.perso.cardface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardKeyTemplate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.MyNumber;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SurfaceFilesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static TestCardDataSigner signer;
    private static RSAPublicKey cardKey;
    private static SurfaceFiles sample;

    @BeforeAll
    static void issue() throws Exception {
        signer = new TestCardDataSigner();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        cardKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
        sample = SurfaceFiles.of(Holder.sample(), cardKey, signer, "MN2026000001");
    }

    @Test
    void frontFaceOffsetTablePointsAtDf22ToDf2aInOrder() {
        byte[] ef = sample.frontFace();
        Tlv face = Tlv.at(ef, 0);
        assertEquals(0xFF20, face.tag);
        assertEquals(ef.length, face.end, "FF 20 is the whole EF");
        Tlv table = Tlv.at(ef, face.valueStart);
        assertEquals(0xDF21, table.tag);
        assertEquals(18, table.value().length, "nine u16 offsets");
        int expectedAt = table.end;
        for (int i = 0; i < 9; i++) {
            int offset = (table.value()[2 * i] & 0xFF) << 8 | table.value()[2 * i + 1] & 0xFF;
            Tlv field = Tlv.at(ef, face.valueStart + offset);
            assertEquals(0xDF22 + i, field.tag, "entry " + i);
            assertEquals(expectedAt, field.start, "fields follow one another");
            expectedAt = field.end;
        }
        assertEquals(face.end, expectedAt);
        Map<Integer, Tlv> fields = fields(ef);
        assertEquals("19890331", ascii(fields.get(0xDF22).value()));
        assertEquals("2", ascii(fields.get(0xDF23).value()));
        assertEquals("20340331", ascii(fields.get(0xDF29).value()));
    }

    @Test
    void df24IsTheCardsKeyAsExponentAndModulus() {
        byte[] value = fields(sample.frontFace()).get(0xDF24).value();
        Tlv exponent = Tlv.at(value, 0);
        Tlv modulus = Tlv.at(value, exponent.end);
        assertEquals(0x90, exponent.tag);
        assertEquals(0x91, modulus.tag);
        assertEquals(value.length, modulus.end);
        assertEquals("010001", HEX.formatHex(exponent.value()));
        assertEquals(256, modulus.value().length);
        assertEquals(cardKey.getModulus(), new java.math.BigInteger(1, modulus.value()));
        assertEquals("df24820109900301000191820100", HEX.formatHex(fields(sample.frontFace()).get(0xDF24).bytes(), 0, 14));
    }

    @Test
    void df28SignsTheThreeDigestsInASha256DigestInfo() throws Exception {
        Map<Integer, Tlv> fields = fields(sample.frontFace());
        byte[] digests = concat(
                sha256(concat(fields.get(0xDF22).bytes(), fields.get(0xDF23).bytes(), fields.get(0xDF24).bytes())),
                sha256(concat(fields.get(0xDF25).bytes(), fields.get(0xDF26).bytes())),
                sha256(fields.get(0xDF27).bytes()));
        byte[] expected = concat(HEX.parseHex("3071300d060960864801650304020105000460"), digests);
        byte[] signature = fields.get(0xDF28).value();
        assertEquals(256, signature.length);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, signer.key.getPublic());
        assertArrayEquals(expected, rsa.doFinal(signature), "the DigestInfo recovered from DF 28");
        Signature verifier = Signature.getInstance("NONEwithRSA");
        verifier.initVerify(signer.key.getPublic());
        verifier.update(expected);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void ageRecordAndBackFaceSignaturesVerify() throws Exception {
        Tlv age = Tlv.at(sample.ageRecord(), 0);
        assertEquals(0xFF10, age.tag);
        Tlv birthDate = Tlv.at(sample.ageRecord(), age.valueStart);
        Tlv ageKey = Tlv.at(sample.ageRecord(), birthDate.end);
        Tlv ageSignature = Tlv.at(sample.ageRecord(), ageKey.end);
        assertEquals("ff1082021edf11083139383930333331df12820109", HEX.formatHex(sample.ageRecord(), 0, 21));
        assertEquals(0xDF12, ageKey.tag);
        assertArrayEquals(CardKeyTemplate.encode(cardKey), ageKey.value(), "DF 12: the card's key, as DF 24 holds it");
        assertEquals(0xDF13, ageSignature.tag);
        assertEquals(sample.ageRecord().length, ageSignature.end);
        assertTrue(verify(concat(birthDate.bytes(), ageKey.bytes()), ageSignature.value()), "DF 13 over the DF 11 and DF 12 TLVs");
        assertFalse(verify(birthDate.bytes(), ageSignature.value()), "not over DF 11 alone");

        Tlv back = Tlv.at(sample.backFace(), 0);
        assertEquals(0xFF40, back.tag);
        Tlv image = Tlv.at(sample.backFace(), back.valueStart);
        Tlv backKey = Tlv.at(sample.backFace(), image.end);
        Tlv backSignature = Tlv.at(sample.backFace(), backKey.end);
        assertEquals(0xDF41, image.tag);
        assertEquals(0xDF42, backKey.tag);
        assertArrayEquals(CardKeyTemplate.encode(cardKey), backKey.value(), "DF 42: the card's key");
        assertEquals(0xDF43, backSignature.tag);
        assertTrue(verify(concat(image.bytes(), backKey.bytes()), backSignature.value()), "DF 43 over the DF 41 and DF 42 TLVs");
    }

    @Test
    void apInfoAndCertificate() {
        // AP id, serial, version, municipality: the four elements public readers parse (C13)
        assertEquals("ff3023df310401010402df320c4d4e32303236303030303031df330101df3406313331303136", HEX.formatHex(sample.apInfo()));
        assertArrayEquals(signer.cardVerifiableCertificate().encoded(), sample.signerCertificate());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SurfaceFiles.of(Holder.sample(), cardKey, signer, "S".repeat(60)));
        assertTrue(refused.getMessage().contains("EF 0003") && refused.getMessage().contains("64"), refused.getMessage());
    }

    @Test
    void imagesDecodeAsOneBitPngAndGreyscaleJpeg2000() throws Exception {
        Map<Integer, Tlv> fields = fields(sample.frontFace());
        for (int tag : new int[] {0xDF25, 0xDF26, 0xDF2A}) {
            assertOneBitPng(fields.get(tag).value(), Integer.toHexString(tag));
        }
        Tlv backImage = Tlv.at(sample.backFace(), Tlv.at(sample.backFace(), 0).valueStart);
        assertOneBitPng(backImage.value(), "DF41");
        BufferedImage photo = decodeJpeg2000(fields.get(0xDF27).value());
        assertEquals(PortraitGenerator.WIDTH, photo.getWidth());
        assertEquals(PortraitGenerator.HEIGHT, photo.getHeight());
        assertEquals(1, photo.getRaster().getNumBands(), "greyscale");
        assertEquals("0000000c6a5020200d0a870a", HEX.formatHex(fields.get(0xDF27).value(), 0, 12), "JP2 signature box");
    }

    @Test
    void sizesAreWithinTheAppletsEfsAndTheFrontFaceIsFourToTwelveKb() {
        assertTrue(sample.ageRecord().length <= SurfaceFiles.AGE_RECORD_CAPACITY);
        assertTrue(sample.apInfo().length <= SurfaceFiles.AP_INFO_CAPACITY);
        assertTrue(sample.backFace().length <= SurfaceFiles.BACK_FACE_CAPACITY);
        int front = sample.frontFace().length;
        assertTrue(front >= 4 * 1024 && front <= 12 * 1024, "front face of " + front + " bytes");

        String longAddress = "北海道札幌市中央区北一条西二丁目" + "東西南北春夏秋冬霞が関梅桜松竹".repeat(13).substring(0, 184);
        assertEquals(200, longAddress.length());
        SurfaceFiles files = SurfaceFiles.of(holder("髙橋　𠮷子", longAddress), cardKey, signer, "MN2026000002");
        assertTrue(files.frontFace().length <= SurfaceFiles.FRONT_FACE_CAPACITY, "200-character address: " + files.frontFace().length);
    }

    @Test
    void aFrontFaceTooLargeForTheCardIsRefusedNotTruncated() {
        String name = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処藪ら柑子の藪柑子".repeat(40);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SurfaceFiles.of(holder(name, Holder.sample().address()), cardKey, signer, "MN2026000003"));
        assertTrue(refused.getMessage().contains("front face (EF 0002)") && refused.getMessage().contains("16384")
                && refused.getMessage().contains("name image"), refused.getMessage());
    }

    @Test
    void textNoJapaneseFontCanDrawIsRefusedNamingTheFontPackage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CardFaceImages.of(holder("番号　\uE000子", Holder.sample().address())));
        assertTrue(refused.getMessage().contains("U+E000") && refused.getMessage().contains("name")
                && refused.getMessage().contains("fonts-noto-cjk"), refused.getMessage());
    }

    @Test
    void thePortraitIsTheSameForTheSameHolderAndDiffersForAnother() {
        byte[] again = CardFaceImages.of(Holder.sample()).photo();
        assertArrayEquals(fields(sample.frontFace()).get(0xDF27).value(), again);
        assertTrue(!Arrays.equals(again, CardFaceImages.of(holder("個人　太郎", Holder.sample().address())).photo()));
    }

    /** Not asserted beyond decoding: for a human to look at in personalization/target/card-face/. */
    @Test
    void writesTheSampleHoldersImagesForAHumanToLookAt() throws Exception {
        CardFaceImages images = CardFaceImages.of(Holder.sample());
        Path dir = Files.createDirectories(Path.of("target", "card-face"));
        Files.write(dir.resolve("name.png"), images.name());
        Files.write(dir.resolve("address.png"), images.address());
        Files.write(dir.resolve("photo.jp2"), images.photo());
        Files.write(dir.resolve("security-code.png"), images.securityCode());
        Files.write(dir.resolve("my-number.png"), images.myNumber());
        BufferedImage name = ImageIO.read(new ByteArrayInputStream(images.name()));
        BufferedImage address = ImageIO.read(new ByteArrayInputStream(images.address()));
        BufferedImage code = ImageIO.read(new ByteArrayInputStream(images.securityCode()));
        BufferedImage number = ImageIO.read(new ByteArrayInputStream(images.myNumber()));
        BufferedImage photo = decodeJpeg2000(images.photo());
        ImageIO.write(photo, "png", dir.resolve("photo.png").toFile());
        // a rough composition of the front face, then the back's number under it
        int width = Math.max(address.getWidth(), name.getWidth()) + photo.getWidth() + 30;
        int height = Math.max(name.getHeight() + address.getHeight() + code.getHeight(), photo.getHeight()) + number.getHeight() + 50;
        BufferedImage card = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(name, 10, 10, null);
        g.drawImage(address, 10, 15 + name.getHeight(), null);
        g.drawImage(code, 10, 20 + name.getHeight() + address.getHeight(), null);
        g.drawImage(photo, width - photo.getWidth() - 10, 10, null);
        g.drawImage(number, 10, height - number.getHeight() - 10, null);
        g.dispose();
        assertTrue(ImageIO.write(card, "png", dir.resolve("composed.png").toFile()));
    }

    // ---- helpers ----

    private static Holder holder(String name, String address) {
        Holder sample = Holder.sample();
        return new Holder(name, sample.birthDate(), Sex.MALE, address, MyNumber.parse("123456789018"), sample.cardExpiry(),
                sample.securityCode(), sample.municipalityCode());
    }

    private static void assertOneBitPng(byte[] png, String what) throws IOException {
        assertEquals("89504e470d0a1a0a", HEX.formatHex(png, 0, 8), what);
        assertEquals(1, png[24], what + ": PNG bit depth");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1, image.getColorModel().getPixelSize(), what);
        boolean ink = false;
        for (int y = 0; y < image.getHeight() && !ink; y++) {
            for (int x = 0; x < image.getWidth() && !ink; x++) {
                ink = (image.getRGB(x, y) & 0xFFFFFF) == 0;
            }
        }
        assertTrue(ink, what + " has black pixels");
    }

    static BufferedImage decodeJpeg2000(byte[] jp2) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg2000").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jp2))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static boolean verify(byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(signer.key.getPublic());
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static Map<Integer, Tlv> fields(byte[] frontFace) {
        Tlv face = Tlv.at(frontFace, 0);
        Map<Integer, Tlv> fields = new LinkedHashMap<>();
        for (int at = face.valueStart; at < face.end; ) {
            Tlv field = Tlv.at(frontFace, at);
            fields.put(field.tag, field);
            at = field.end;
        }
        return fields;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[]... parts) {
        return BerTlv.concat(parts);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** One BER-TLV inside {@code data}: one- or two-byte tag, 81/82 lengths. */
    record Tlv(byte[] data, int start, int tag, int valueStart, int end) {
        static Tlv at(byte[] data, int at) {
            int start = at;
            int tag = data[at++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                tag = tag << 8 | data[at++] & 0xFF;
            }
            int length = data[at++] & 0xFF;
            if (length == 0x81) {
                length = data[at++] & 0xFF;
            } else if (length == 0x82) {
                length = (data[at++] & 0xFF) << 8 | data[at++] & 0xFF;
            }
            return new Tlv(data, start, tag, at, at + length);
        }

        byte[] value() {
            return Arrays.copyOfRange(data, valueStart, end);
        }

        byte[] bytes() {
            return Arrays.copyOfRange(data, start, end);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
