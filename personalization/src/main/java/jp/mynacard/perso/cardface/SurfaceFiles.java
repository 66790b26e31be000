package jp.mynacard.perso.cardface;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardKeyTemplate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;

/**
 * The contents of the card-surface AP's EFs for one holder (spec §5): the age record (0001), the
 * front face (0002), the AP information (0003), the signer's certificate (0004) and the back face
 * (0005). What does not fit the applet's EFs is refused here, never cut short on the card.
 */
public record SurfaceFiles(byte[] ageRecord, byte[] frontFace, byte[] apInfo, byte[] signerCertificate, byte[] backFace) {
    // EF capacities of applets' SurfaceApplet
    public static final int AGE_RECORD_CAPACITY = 1024;
    public static final int FRONT_FACE_CAPACITY = 16384;
    public static final int AP_INFO_CAPACITY = 64;
    public static final int SIGNER_CERTIFICATE_CAPACITY = 2048;
    public static final int BACK_FACE_CAPACITY = 8192;

    static final int TAG_AGE_RECORD = 0xFF10;
    static final int TAG_AGE_BIRTH_DATE = 0xDF11;
    static final int TAG_AGE_CARD_KEY = 0xDF12;
    static final int TAG_AGE_SIGNATURE = 0xDF13;
    static final int TAG_FRONT_FACE = 0xFF20;
    static final int TAG_OFFSETS = 0xDF21;
    static final int TAG_BIRTH_DATE = 0xDF22;
    static final int TAG_SEX = 0xDF23;
    static final int TAG_CARD_KEY = 0xDF24;
    static final int TAG_NAME_IMAGE = 0xDF25;
    static final int TAG_ADDRESS_IMAGE = 0xDF26;
    static final int TAG_PHOTO = 0xDF27;
    static final int TAG_FACE_SIGNATURE = 0xDF28;
    static final int TAG_EXPIRY = 0xDF29;
    static final int TAG_SECURITY_CODE_IMAGE = 0xDF2A;
    static final int TAG_AP_INFO = 0xFF30;
    static final int TAG_AP_ID = 0xDF31;
    static final int TAG_CARD_SERIAL = 0xDF32;
    static final int TAG_AP_VERSION = 0xDF33;
    static final int TAG_MUNICIPALITY = 0xDF34;
    /** DF 31: our own value (the real card's is not public): the last four bytes of the AP's AID. */
    private static final byte[] AP_ID = {0x01, 0x01, 0x04, 0x02};
    /** DF 33: this layout's version. */
    private static final byte AP_VERSION = 0x01;
    static final int TAG_BACK_FACE = 0xFF40;
    static final int TAG_MY_NUMBER_IMAGE = 0xDF41;
    static final int TAG_BACK_CARD_KEY = 0xDF42;
    static final int TAG_BACK_SIGNATURE = 0xDF43;
    /** DER of AlgorithmIdentifier { id-sha256, NULL }. */
    static final byte[] SHA256_ALGORITHM = HexFormat.of().parseHex("300d06096086480165030402010500");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int OFFSET_TABLE_ENTRIES = 9;

    /** Builds and signs the card-surface data of a holder whose card generated {@code cardAuthenticationKey}. */
    public static SurfaceFiles of(Holder holder, RSAPublicKey cardAuthenticationKey, CardDataSigner signer, String cardSerial) {
        return of(holder, CardFaceImages.of(holder), cardAuthenticationKey, signer, cardSerial);
    }

    /** As {@link #of(Holder, RSAPublicKey, CardDataSigner, String)}, with images already drawn. */
    public static SurfaceFiles of(Holder holder, CardFaceImages images, RSAPublicKey cardAuthenticationKey, CardDataSigner signer,
            String cardSerial) {
        byte[] apInfo = apInfo(holder, cardSerial);
        byte[] frontFace = frontFace(holder, images, cardAuthenticationKey, signer);
        byte[] backFace = backFace(images, cardAuthenticationKey, signer);
        byte[] ageRecord = ageRecord(holder, cardAuthenticationKey, signer);
        byte[] certificate = signer.cardVerifiableCertificate().encoded();
        requireFits("the card-data signer's certificate (EF 0004)", certificate.length, SIGNER_CERTIFICATE_CAPACITY, "");
        return new SurfaceFiles(ageRecord, frontFace, apInfo, certificate, backFace);
    }

    /**
     * FF 10 { DF 11 birth date, DF 12 the card's key, DF 13 signature over the DF 11 and DF 12 TLVs }:
     * the key in the record lets a host make the chip prove the record is its own (C14).
     */
    static byte[] ageRecord(Holder holder, RSAPublicKey cardKey, CardDataSigner signer) {
        byte[] birthDate = BerTlv.encode(TAG_AGE_BIRTH_DATE, ascii(YYYYMMDD.format(holder.birthDate())));
        byte[] key = BerTlv.encode(TAG_AGE_CARD_KEY, CardKeyTemplate.encode(cardKey));
        byte[] ef = BerTlv.encode(TAG_AGE_RECORD, BerTlv.concat(birthDate, key,
                BerTlv.encode(TAG_AGE_SIGNATURE, signer.sign(BerTlv.concat(birthDate, key)))));
        requireFits("the age record (EF 0001)", ef.length, AGE_RECORD_CAPACITY, "");
        return ef;
    }

    /** FF 20 { DF 21 offsets, DF 22..DF 2A }, DF 28 signing DF 22–24, DF 25–26 and DF 27. */
    static byte[] frontFace(Holder holder, CardFaceImages images, RSAPublicKey cardKey, CardDataSigner signer) {
        String breakdown = String.format(" (name image %d bytes, address image %d, photo %d, security code image %d)",
                images.name().length, images.address().length, images.photo().length, images.securityCode().length);
        requireFits("the front face (EF 0002)", images.name().length + images.address().length + images.photo().length
                + images.securityCode().length, FRONT_FACE_CAPACITY, breakdown);
        byte[] birthDate = BerTlv.encode(TAG_BIRTH_DATE, ascii(YYYYMMDD.format(holder.birthDate())));
        byte[] sex = BerTlv.encode(TAG_SEX, new byte[] {(byte) holder.sex().iso5218()});
        byte[] key = BerTlv.encode(TAG_CARD_KEY, CardKeyTemplate.encode(cardKey));
        byte[] name = BerTlv.encode(TAG_NAME_IMAGE, images.name());
        byte[] address = BerTlv.encode(TAG_ADDRESS_IMAGE, images.address());
        byte[] photo = BerTlv.encode(TAG_PHOTO, images.photo());
        byte[] digests = BerTlv.concat(sha256(BerTlv.concat(birthDate, sex, key)), sha256(BerTlv.concat(name, address)), sha256(photo));
        byte[] signature = BerTlv.encode(TAG_FACE_SIGNATURE, signer.signDigestInfo(digestInfo(digests)));
        byte[] expiry = BerTlv.encode(TAG_EXPIRY, ascii(YYYYMMDD.format(holder.cardExpiry())));
        byte[] securityCode = BerTlv.encode(TAG_SECURITY_CODE_IMAGE, images.securityCode());
        byte[][] fields = {birthDate, sex, key, name, address, photo, signature, expiry, securityCode};
        int valueLength = offsetTableLength() + Arrays.stream(fields).mapToInt(field -> field.length).sum();
        requireFits("the front face (EF 0002)", valueLength + 5, FRONT_FACE_CAPACITY, breakdown);
        byte[] ef = BerTlv.encode(TAG_FRONT_FACE, BerTlv.concat(offsetTable(fields), BerTlv.concat(fields)));
        requireFits("the front face (EF 0002)", ef.length, FRONT_FACE_CAPACITY, breakdown);
        return ef;
    }

    /** FF 30 { DF 31 AP id, DF 32 card serial, DF 33 version, DF 34 municipality code } (C13). */
    static byte[] apInfo(Holder holder, String cardSerial) {
        if (cardSerial == null || cardSerial.isEmpty() || !cardSerial.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("the card serial must be printable ASCII without spaces");
        }
        byte[] ef = BerTlv.encode(TAG_AP_INFO, BerTlv.concat(BerTlv.encode(TAG_AP_ID, AP_ID),
                BerTlv.encode(TAG_CARD_SERIAL, ascii(cardSerial)), BerTlv.encode(TAG_AP_VERSION, new byte[] {AP_VERSION}),
                BerTlv.encode(TAG_MUNICIPALITY, ascii(holder.municipalityCode()))));
        requireFits("the AP information (EF 0003)", ef.length, AP_INFO_CAPACITY, " (card serial of " + cardSerial.length() + " characters)");
        return ef;
    }

    /** FF 40 { DF 41 My Number image, DF 42 the card's key, DF 43 signature over the DF 41 and DF 42 TLVs } (C14). */
    static byte[] backFace(CardFaceImages images, RSAPublicKey cardKey, CardDataSigner signer) {
        requireFits("the back face (EF 0005)", images.myNumber().length, BACK_FACE_CAPACITY, "");
        byte[] image = BerTlv.encode(TAG_MY_NUMBER_IMAGE, images.myNumber());
        byte[] key = BerTlv.encode(TAG_BACK_CARD_KEY, CardKeyTemplate.encode(cardKey));
        byte[] ef = BerTlv.encode(TAG_BACK_FACE, BerTlv.concat(image, key,
                BerTlv.encode(TAG_BACK_SIGNATURE, signer.sign(BerTlv.concat(image, key)))));
        requireFits("the back face (EF 0005)", ef.length, BACK_FACE_CAPACITY, " (My Number image " + images.myNumber().length + " bytes)");
        return ef;
    }

    /**
     * DigestInfo { sha256, OCTET STRING of the 96-byte concatenated digests }: DER by hand, as no
     * library builds a SHA-256 DigestInfo whose digest is not 32 bytes.
     */
    static byte[] digestInfo(byte[] digests) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        octets.write(0x04);
        BerTlv.writeLength(octets, digests.length);
        octets.writeBytes(digests);
        byte[] body = BerTlv.concat(SHA256_ALGORITHM, octets.toByteArray());
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        BerTlv.writeLength(sequence, body.length);
        sequence.writeBytes(body);
        return sequence.toByteArray();
    }

    /** DF 21: nine offsets from the start of FF 20's value, which the table itself opens. */
    private static byte[] offsetTable(byte[][] fields) {
        byte[] offsets = new byte[2 * OFFSET_TABLE_ENTRIES];
        int offset = offsetTableLength();
        for (int i = 0; i < fields.length; i++) {
            offsets[2 * i] = (byte) (offset >> 8);
            offsets[2 * i + 1] = (byte) offset;
            offset += fields[i].length;
        }
        return BerTlv.encode(TAG_OFFSETS, offsets);
    }

    private static int offsetTableLength() {
        return 3 + 2 * OFFSET_TABLE_ENTRIES;
    }

    private static void requireFits(String what, int size, int capacity, String detail) {
        if (size > capacity) {
            throw new IllegalArgumentException(what + " of the card-surface AP would take " + size + " bytes; the card holds at most "
                    + capacity + detail + ". Refused rather than cut short: shorten the data.");
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
