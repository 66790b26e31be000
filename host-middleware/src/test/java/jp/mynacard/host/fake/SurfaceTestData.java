package jp.mynacard.host.fake;

import static jp.mynacard.host.fake.InputHelperTestData.concat;
import static jp.mynacard.host.fake.InputHelperTestData.tlv;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The EFs of a card-surface AP (spec §5), built as the centre and personalization build them and
 * signed with the throwaway card-data signer key of {@link InputHelperTestData}: tiny PNGs made
 * with ImageIO, a tiny greyscale JPEG 2000 photo made with the jai codec, and the chip's
 * card-authentication key pair (which the fake card keeps, the private half never leaving it).
 */
public record SurfaceTestData(byte[] ageRecord, byte[] frontFace, byte[] apInfo, byte[] signerCertificate,
        byte[] backFace, KeyPair cardKey) {
    public static final String BIRTH_DATE = "19890331";
    /** Heisei 1 = 1989: the era YYMMDD of the birth date. */
    public static final String BIRTH_DATE_KEY = "010331";
    public static final String EXPIRY = "20340331";
    /** Era birth date, expiry year, security code 5678. */
    public static final String PIN_B = "01033120345678";
    public static final String MY_NUMBER = InputHelperTestData.MY_NUMBER;
    public static final int NAME_WIDTH = 160;
    public static final int PHOTO_WIDTH = 30;
    public static final int PHOTO_HEIGHT = 40;

    private static KeyPair sampleKey;

    /** The sample holder: born 1989-03-31, female, card valid until 2034-03-31. */
    public static synchronized SurfaceTestData sample() {
        if (sampleKey == null) {
            sampleKey = newCardKey();
        }
        return of(BIRTH_DATE, '2', EXPIRY, sampleKey);
    }

    /** A chip's own key pair, as GENERATE KEY PAIR makes it on the card. */
    public static KeyPair newCardKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SurfaceTestData of(String birthDate, char sex, String expiry, KeyPair cardKey) {
        RSAPublicKey key = (RSAPublicKey) cardKey.getPublic();
        byte[] keyValue = concat(tlv(0x90, unsigned(key.getPublicExponent().toByteArray())),
                tlv(0x91, unsigned(key.getModulus().toByteArray())));
        byte[] df11 = tlv(0xDF11, ascii(birthDate));
        byte[] df12 = tlv(0xDF12, keyValue);
        byte[] ageRecord = tlv(0xFF10, concat(df11, df12, tlv(0xDF13, InputHelperTestData.sign(concat(df11, df12)))));

        byte[] identity = concat(tlv(0xDF22, ascii(birthDate)), tlv(0xDF23, new byte[] {(byte) sex}), tlv(0xDF24, keyValue));
        byte[] images = concat(tlv(0xDF25, png(NAME_WIDTH, 20, "name")), tlv(0xDF26, png(240, 30, "address")));
        byte[] photo = tlv(0xDF27, jpeg2000(PHOTO_WIDTH, PHOTO_HEIGHT));
        byte[] signature = tlv(0xDF28, frontFaceSignature(identity, images, photo));
        byte[] expiryTlv = tlv(0xDF29, ascii(expiry));
        byte[] securityCode = tlv(0xDF2A, png(60, 16, "code"));
        byte[] frontFace = frontFace(identity, images, photo, signature, expiryTlv, securityCode);

        byte[] apInfo = tlv(0xFF30, concat(tlv(0xDF31, new byte[] {1, 1, 4, 2}), tlv(0xDF32, ascii("MN2026000001")),
                tlv(0xDF33, new byte[] {1}), tlv(0xDF34, ascii("131016"))));
        byte[] df41 = tlv(0xDF41, png(200, 24, "mynumber"));
        byte[] df42 = tlv(0xDF42, keyValue);
        byte[] backFace = tlv(0xFF40, concat(df41, df42, tlv(0xDF43, InputHelperTestData.sign(concat(df41, df42)))));
        return new SurfaceTestData(ageRecord, frontFace, apInfo, InputHelperTestData.signerCardVerifiableCertificate().encoded(),
                backFace, cardKey);
    }

    /** FF 20 with the offset table for the nine fields that follow it. */
    static byte[] frontFace(byte[] identity, byte[] images, byte[] photo, byte[] signature, byte[] expiry, byte[] securityCode) {
        byte[][] groups = {identity, images, photo, signature, expiry, securityCode};
        byte[] body = concat(groups);
        byte[] offsets = new byte[18];
        int header = 3 + offsets.length; // DF 21 12 <18 bytes>
        int at = 0;
        for (int i = 0; i < 9; i++) {
            int offset = header + at;
            offsets[2 * i] = (byte) (offset >> 8);
            offsets[2 * i + 1] = (byte) offset;
            at += tlvLength(body, at);
        }
        return tlv(0xFF20, concat(tlv(0xDF21, offsets), body));
    }

    /**
     * DF 28 as the centre makes it: raw PKCS#1 v1.5 (RSA/ECB/PKCS1Padding with the private key)
     * over a DigestInfo whose sha256 identifier holds the 96 bytes of three SHA-256 digests.
     */
    public static byte[] frontFaceSignature(byte[] identity, byte[] images, byte[] photo) {
        byte[] digests = concat(InputHelperTestData.sha256(identity), InputHelperTestData.sha256(images),
                InputHelperTestData.sha256(photo));
        byte[] digestInfo = concat(new byte[] {0x30, 0x71, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65,
            0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60}, digests);
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, InputHelperTestData.signerKey());
            return cipher.doFinal(digestInfo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tiny 1-bit PNG with a few black strokes (deterministic from {@code seed}). */
    public static byte[] png(int width, int height, String seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        for (int i = 0; i < seed.length(); i++) {
            int x = 4 + i * 9 % Math.max(1, width - 8);
            g.fillRect(x, 3, 6, Math.max(1, height - 6) * (seed.charAt(i) % 3 + 1) / 3);
        }
        g.dispose();
        return encode(image, "png");
    }

    /** A tiny greyscale JPEG 2000 face: a grey disc on white. */
    public static byte[] jpeg2000(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.GRAY);
        g.fillOval(width / 6, height / 8, width * 2 / 3, height * 2 / 3);
        g.dispose();
        return encode(image, "jpeg2000");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Size of the TLV starting at {@code at} (two-byte tags, lengths up to 82 xx xx). */
    private static int tlvLength(byte[] data, int at) {
        int p = at + 2;
        int first = data[p++] & 0xFF;
        int length = first;
        if (first == 0x81) {
            length = data[p++] & 0xFF;
        } else if (first == 0x82) {
            length = ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
            p += 2;
        }
        return p - at + length;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
