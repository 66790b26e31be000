package jp.mynacard.host.cardface;

import java.io.ByteArrayOutputStream;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * EF 0003, exactly 336 bytes: {@code FF 30 82 01 4B} { {@code DF 31 20} SHA-256 of EF 0001,
 * {@code DF 32 20} SHA-256 of EF 0002's fields, {@code DF 33 82 01 00} the centre's RSA-2048
 * signature over the DF 31 and DF 32 elements } (spec §4).
 */
record SignatureFile(byte[] myNumberHash, byte[] attributesHash, byte[] signedData, byte[] signature) {
    static final int FID = CardFile.INPUT_HELPER_SIGNATURE.fid();
    static final int TAG = 0xFF30;
    static final int LENGTH = 336;
    private static final int[] TAGS = {0xDF31, 0xDF32, 0xDF33};
    private static final int[] LENGTHS = {32, 32, 256};
    private static final String WHAT = "EF 0003 (signature)";

    static SignatureFile parse(byte[] ef) {
        if (ef.length != LENGTH) {
            throw new MalformedCardDataException(WHAT + ": " + ef.length + " bytes, expected " + LENGTH);
        }
        List<BerTlv> parts = BerTlv.parseWhole(ef, TAG, WHAT).children(WHAT);
        if (parts.size() != TAGS.length) {
            throw new MalformedCardDataException(WHAT + ": " + parts.size() + " elements, expected 3");
        }
        for (int i = 0; i < TAGS.length; i++) {
            parts.get(i).requireTag(TAGS[i], WHAT).requireLength(LENGTHS[i], WHAT);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes(parts.get(0).encoded());
        signed.writeBytes(parts.get(1).encoded());
        return new SignatureFile(parts.get(0).value(), parts.get(1).value(), signed.toByteArray(), parts.get(2).value());
    }
}
