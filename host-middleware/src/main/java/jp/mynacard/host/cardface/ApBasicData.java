package jp.mynacard.host.cardface;

import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;

/**
 * EF 0005 of the card-input-helper AP, readable without a PIN (spec §4): {@code FF 40}
 * { {@code DF 41} 4 bytes of AP information, {@code DF 42} a 16-byte key id }, padded with FF
 * to 256 bytes. What jpki/myna's {@code text info} shows.
 */
public record ApBasicData(byte[] apInfo, byte[] keyId) {
    static final int FID = CardFile.INPUT_HELPER_AP_BASIC_DATA.fid();
    static final int TAG = 0xFF40;
    private static final int TAG_AP_INFO = 0xDF41;
    private static final int TAG_KEY_ID = 0xDF42;
    private static final int AP_INFO_LENGTH = 4;
    private static final int KEY_ID_LENGTH = 16;
    private static final String WHAT = "EF 0005 (AP basic data)";

    static ApBasicData parse(byte[] ef) {
        List<BerTlv> fields = BerTlv.parse(ef, 0, ef.length, WHAT).requireTag(TAG, WHAT).children(WHAT);
        if (fields.size() < 2) {
            throw new jp.mynacard.model.card.MalformedCardDataException(WHAT + ": DF 41 and DF 42 expected");
        }
        return new ApBasicData(fields.get(0).requireTag(TAG_AP_INFO, WHAT).requireLength(AP_INFO_LENGTH, WHAT).value(),
                fields.get(1).requireTag(TAG_KEY_ID, WHAT).requireLength(KEY_ID_LENGTH, WHAT).value());
    }
}
