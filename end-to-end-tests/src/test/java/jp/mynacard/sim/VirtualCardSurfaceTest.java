package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An issued virtual card carries a personalized card-surface AP (spec §5): read through raw
 * APDUs, its front face is signed by the centre's card-data signer and holds the public key of
 * the card's own authentication key, which the chip proves it has without any PIN.
 */
class VirtualCardSurfaceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] AID = HEX.parseHex("D3921000310001010402");
    private static final byte[] SHA256_DIGEST_INFO_PREFIX = HEX.parseHex("3031300d060960864801650304020105000420");
    private static VirtualCard card;
    private static PublicKey cardDataSigner;

    @BeforeAll
    static void issue() throws Exception {
        card = VirtualCard.issue(Holder.sample());
        cardDataSigner = VirtualCard.testCentre().administration().authorityCertificate("card-data").getPublicKey();
    }

    @Test
    void frontFaceReadWithPinAIsTheCentresAndItsKeyIsTheChips() throws Exception {
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID)).getSW());

            // card authentication first: no PIN verified
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            byte[] digestInfo = concat(SHA256_DIGEST_INFO_PREFIX, MessageDigest.getInstance("SHA-256").digest(challenge));
            select(channel, 0x0017);
            ResponseAPDU authentication = channel.transmit(new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256));
            assertEquals(0x9000, authentication.getSW(), "card authentication needs no PIN");
            assertEquals(256, authentication.getData().length);

            assertEquals(0x6982, read(channel, 0x0002).getSW(), "front face before PIN-A");
            select(channel, 0x0013);
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80,
                    "123456789018".getBytes(StandardCharsets.US_ASCII))).getSW(), "PIN-A: the My Number");
            ResponseAPDU frontFaceRead = read(channel, 0x0002);
            assertEquals(0x9000, frontFaceRead.getSW());
            byte[] frontFace = frontFaceRead.getData();
            assertTrue(frontFace.length >= 4 * 1024 && frontFace.length <= 12 * 1024, frontFace.length + " bytes");
            Map<Integer, byte[]> fields = fields(frontFace, 0xFF20);

            byte[] digests = concat(
                    sha256(concat(fields.get(0xDF22), fields.get(0xDF23), fields.get(0xDF24))),
                    sha256(concat(fields.get(0xDF25), fields.get(0xDF26))),
                    sha256(fields.get(0xDF27)));
            Signature faceVerifier = Signature.getInstance("NONEwithRSA");
            faceVerifier.initVerify(cardDataSigner);
            faceVerifier.update(concat(HEX.parseHex("3071300d060960864801650304020105000460"), digests));
            assertTrue(faceVerifier.verify(value(fields.get(0xDF28))), "DF 28 by the centre's card-data signer");

            PublicKey cardKey = cardKey(value(fields.get(0xDF24)));
            Signature authVerifier = Signature.getInstance("SHA256withRSA");
            authVerifier.initVerify(cardKey);
            authVerifier.update(challenge);
            assertTrue(authVerifier.verify(authentication.getData()), "the chip signed with the key DF 24 holds");

            assertEquals("19890331", new String(value(fields.get(0xDF22)), StandardCharsets.US_ASCII));
            assertEquals("20340331", new String(value(fields.get(0xDF29)), StandardCharsets.US_ASCII));
            assertEquals(1, ImageIO.read(new ByteArrayInputStream(value(fields.get(0xDF25)))).getColorModel().getPixelSize());
            BufferedImage photo = decodeJpeg2000(value(fields.get(0xDF27)));
            assertEquals(1, photo.getRaster().getNumBands());

            // back face with PIN-A too: DF 42 the card's key, DF 43 over the DF 41 and DF 42 TLVs
            ResponseAPDU backRead = read(channel, 0x0005);
            assertEquals(0x9000, backRead.getSW());
            Map<Integer, byte[]> back = fields(backRead.getData(), 0xFF40);
            assertEquals(cardKey, cardKey(value(back.get(0xDF42))), "DF 42 holds the key DF 24 holds");
            assertTrue(verifySha256(concat(back.get(0xDF41), back.get(0xDF42)), value(back.get(0xDF43))), "DF 43");
        }
    }

    @Test
    void ageRecordWithTheBirthDateKeyApInfoAndSignerCertificateForAnyone() throws Exception {
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID)).getSW());
            ResponseAPDU apInfo = read(channel, 0x0003);
            assertEquals(0x9000, apInfo.getSW());
            Map<Integer, byte[]> info = fields(apInfo.getData(), 0xFF30);
            assertEquals("01010402", HEX.formatHex(value(info.get(0xDF31))), "AP id");
            assertTrue(new String(value(info.get(0xDF32)), StandardCharsets.US_ASCII).startsWith("VC"), "card serial");
            assertEquals("01", HEX.formatHex(value(info.get(0xDF33))), "version");
            assertEquals("131016", new String(value(info.get(0xDF34)), StandardCharsets.US_ASCII), "municipality");
            CardVerifiableCertificate signer = CardVerifiableCertificate.parse(read(channel, 0x0004).getData());
            assertTrue(signer.isSelfIssuedFor(cardDataSigner), "EF 0004: the centre's card-data signer");

            assertEquals(0x6982, read(channel, 0x0001).getSW(), "age record before the birth-date key");
            select(channel, 0x0011);
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80,
                    "010331".getBytes(StandardCharsets.US_ASCII))).getSW(), "Heisei 1-03-31");
            Map<Integer, byte[]> age = fields(read(channel, 0x0001).getData(), 0xFF10);
            assertEquals("19890331", new String(value(age.get(0xDF11)), StandardCharsets.US_ASCII));
            PublicKey ageKey = cardKey(value(age.get(0xDF12)));
            assertTrue(verifySha256(concat(age.get(0xDF11), age.get(0xDF12)), value(age.get(0xDF13))),
                    "DF 13 over the DF 11 and DF 12 TLVs");
            byte[] challenge = "age check".getBytes(StandardCharsets.US_ASCII);
            ResponseAPDU proof = channel.transmit(new CommandAPDU(0x80, 0x2A, 0x00, 0x00,
                    concat(HEX.parseHex("3031300d060960864801650304020105000420"), sha256(challenge)), 256));
            Signature chip = Signature.getInstance("SHA256withRSA");
            chip.initVerify(ageKey);
            chip.update(challenge);
            assertTrue(chip.verify(proof.getData()), "80 2A 00 00: the chip holds the key the age record names");
            assertEquals(0x6982, read(channel, 0x0002).getSW(), "the birth-date key does not open the front face");

            select(channel, 0x0012);
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80,
                    "01033120345678".getBytes(StandardCharsets.US_ASCII))).getSW(), "PIN-B from the printed data");
            assertEquals(0x9000, read(channel, 0x0002).getSW(), "PIN-B opens the front face");
            assertEquals(0x6982, read(channel, 0x0005).getSW(), "but not the back");
        }
    }

    private static boolean verifySha256(byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cardDataSigner);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static PublicKey cardKey(byte[] df24) throws Exception {
        Map<Integer, byte[]> parts = new LinkedHashMap<>();
        for (int at = 0; at < df24.length; ) {
            int[] header = header(df24, at);
            parts.put(header[0], Arrays.copyOfRange(df24, at, header[2]));
            at = header[2];
        }
        BigInteger exponent = new BigInteger(1, value(parts.get(0x90)));
        BigInteger modulus = new BigInteger(1, value(parts.get(0x91)));
        assertEquals(2048, modulus.bitLength());
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    /** The TLVs inside a constructed EF, by tag, each with its own tag and length. */
    private static Map<Integer, byte[]> fields(byte[] ef, int outerTag) {
        int[] outer = header(ef, 0);
        assertEquals(outerTag, outer[0]);
        assertEquals(ef.length, outer[2]);
        Map<Integer, byte[]> fields = new LinkedHashMap<>();
        for (int at = outer[1]; at < outer[2]; ) {
            int[] header = header(ef, at);
            fields.put(header[0], Arrays.copyOfRange(ef, at, header[2]));
            at = header[2];
        }
        return fields;
    }

    private static byte[] value(byte[] tlv) {
        return Arrays.copyOfRange(tlv, header(tlv, 0)[1], tlv.length);
    }

    /** {tag, value start, end} of the TLV at {@code at}. */
    private static int[] header(byte[] data, int at) {
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
        return new int[] {tag, at, at + length};
    }

    private static BufferedImage decodeJpeg2000(byte[] jp2) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg2000").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jp2))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void select(ApduChannel channel, int fid) {
        assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid})).getSW());
    }

    private static ResponseAPDU read(ApduChannel channel, int fid) {
        select(channel, fid);
        return channel.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 65536));
    }
}
