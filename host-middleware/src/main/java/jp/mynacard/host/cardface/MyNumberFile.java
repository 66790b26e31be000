package jp.mynacard.host.cardface;

import java.nio.charset.StandardCharsets;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.MyNumber;

/** EF 0001: {@code FF 10 0C}, the My Number as 12 ASCII digits, padded with FF (spec §4: 17 bytes). */
final class MyNumberFile {
    static final int FID = CardFile.INPUT_HELPER_MY_NUMBER.fid();
    static final int TAG = 0xFF10;
    private static final String WHAT = "EF 0001 (My Number)";
    private static final byte PADDING = (byte) 0xFF;

    private MyNumberFile() {
    }

    /** The My Number; a check digit that does not match means the card's data is corrupt. */
    static String parse(byte[] ef) {
        BerTlv tlv = BerTlv.parse(ef, 0, ef.length, WHAT).requireTag(TAG, WHAT).requireLength(MyNumber.LENGTH, WHAT);
        for (int i = tlv.encoded().length; i < ef.length; i++) {
            if (ef[i] != PADDING) {
                throw new MalformedCardDataException(WHAT + ": byte " + i + " after the number is not padding (FF)");
            }
        }
        byte[] value = tlv.value();
        String number = new String(value, StandardCharsets.US_ASCII);
        if (!MyNumber.isValid(number)) {
            // never quote the number: it would end up in logs
            throw new MalformedCardDataException(WHAT + ": not 12 digits with a valid check digit");
        }
        return number;
    }
}
