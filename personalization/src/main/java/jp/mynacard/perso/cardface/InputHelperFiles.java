package jp.mynacard.perso.cardface;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;

/**
 * The contents of the card-input-helper AP's EFs for one holder (spec §4): the My Number
 * (0001), the four attributes (0002), the centre's signature over both (0003), the signer's
 * card-verifiable certificate (0004) and the AP basic data (0005).
 */
public record InputHelperFiles(byte[] myNumber, byte[] attributes, byte[] signature, byte[] signerCertificate,
                               byte[] apBasicData) {
    static final int TAG_MY_NUMBER = 0xFF10;
    static final int TAG_ATTRIBUTES = 0xFF20;
    static final int TAG_OFFSETS = 0xDF21;
    static final int TAG_NAME = 0xDF22;
    static final int TAG_ADDRESS = 0xDF23;
    static final int TAG_BIRTH_DATE = 0xDF24;
    static final int TAG_SEX = 0xDF25;
    static final int TAG_SIGNATURE = 0xFF30;
    static final int TAG_MY_NUMBER_HASH = 0xDF31;
    static final int TAG_ATTRIBUTES_HASH = 0xDF32;
    static final int TAG_SIGNATURE_VALUE = 0xDF33;
    static final int TAG_AP_BASIC_DATA = 0xFF40;
    static final int TAG_AP_INFO = 0xDF41;
    static final int TAG_KEY_ID = 0xDF42;
    /** Spec §4: EF 0001 is 17 bytes, FF 10 0C and the digits padded with FF FF. */
    public static final int MY_NUMBER_FILE_LENGTH = 17;
    /** Spec §4: EF 0005 is 256 bytes, the FF 40 TLV padded with FF. */
    public static final int AP_BASIC_DATA_LENGTH = 256;
    /** DF 41: our own value (the real card's is not public): this layout's version, 1.0. */
    private static final byte[] AP_INFO = {0x01, 0x00, 0x00, 0x00};
    private static final byte PADDING = (byte) 0xFF;
    /** Spec §4: EF 0003 is exactly this long (FF 30 82 01 4B and three TLVs). */
    public static final int SIGNATURE_FILE_LENGTH = 336;
    private static final int OFFSET_TABLE_ENTRIES = 4;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    /** Builds and signs the input-helper data of a holder. */
    public static InputHelperFiles of(Holder holder, CardDataSigner signer) {
        byte[] myNumberTlv = BerTlv.encode(TAG_MY_NUMBER, holder.myNumber().digits().getBytes(StandardCharsets.US_ASCII));
        byte[] myNumber = padded(myNumberTlv, MY_NUMBER_FILE_LENGTH);
        byte[][] fields = {
            BerTlv.encode(TAG_NAME, holder.name().getBytes(StandardCharsets.UTF_8)),
            BerTlv.encode(TAG_ADDRESS, fullWidthNumerals(holder.address()).getBytes(StandardCharsets.UTF_8)),
            BerTlv.encode(TAG_BIRTH_DATE, YYYYMMDD.format(holder.birthDate()).getBytes(StandardCharsets.US_ASCII)),
            BerTlv.encode(TAG_SEX, new byte[] {(byte) holder.sex().iso5218()}),
        };
        byte[] signedPart = BerTlv.concat(fields);
        byte[] attributes = BerTlv.encode(TAG_ATTRIBUTES, BerTlv.concat(offsetTable(fields), signedPart));
        // DF 31 covers the My Number's TLV, not the padding after it, as DF 32 covers TLVs only
        byte[] hashes = BerTlv.concat(BerTlv.encode(TAG_MY_NUMBER_HASH, sha256(myNumberTlv)),
                BerTlv.encode(TAG_ATTRIBUTES_HASH, sha256(signedPart)));
        byte[] signature = BerTlv.encode(TAG_SIGNATURE, BerTlv.concat(hashes, BerTlv.encode(TAG_SIGNATURE_VALUE, signer.sign(hashes))));
        if (signature.length != SIGNATURE_FILE_LENGTH) {
            throw new IllegalStateException("the card-data signer's key must be RSA-2048: EF 0003 came out "
                    + signature.length + " bytes, not " + SIGNATURE_FILE_LENGTH);
        }
        CardVerifiableCertificate signerCertificate = signer.cardVerifiableCertificate();
        return new InputHelperFiles(myNumber, attributes, signature, signerCertificate.encoded(), apBasicData(signerCertificate));
    }

    /**
     * EF 0005: {@code FF 40} { DF 41 AP information, DF 42 key id }, padded to 256 bytes. The key
     * id is the subject key id of the card-verifiable certificate in EF 0004, so a reader can tell
     * which signer key to check EF 0003 with before it reads EF 0004.
     */
    static byte[] apBasicData(CardVerifiableCertificate signerCertificate) {
        byte[] keyId = signerCertificate.subjectKeyId();
        return padded(BerTlv.encode(TAG_AP_BASIC_DATA,
                BerTlv.concat(BerTlv.encode(TAG_AP_INFO, AP_INFO), BerTlv.encode(TAG_KEY_ID, keyId))), AP_BASIC_DATA_LENGTH);
    }

    private static byte[] padded(byte[] content, int length) {
        byte[] file = Arrays.copyOf(content, length);
        Arrays.fill(file, content.length, length, PADDING);
        return file;
    }

    /** DF 21: each field's offset from the start of FF 20's value, which the table itself opens. */
    private static byte[] offsetTable(byte[][] fields) {
        int tableLength = 3 + 2 * OFFSET_TABLE_ENTRIES;
        byte[] offsets = new byte[2 * OFFSET_TABLE_ENTRIES];
        int offset = tableLength;
        for (int i = 0; i < fields.length; i++) {
            offsets[2 * i] = (byte) (offset >> 8);
            offsets[2 * i + 1] = (byte) offset;
            offset += fields[i].length;
        }
        return BerTlv.encode(TAG_OFFSETS, offsets);
    }

    /** The card writes numerals full-width (spec §4), whatever the registry gave. */
    static String fullWidthNumerals(String address) {
        StringBuilder converted = new StringBuilder(address.length());
        for (char c : address.toCharArray()) {
            converted.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c);
        }
        return converted.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
