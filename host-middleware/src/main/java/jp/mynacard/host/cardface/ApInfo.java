package jp.mynacard.host.cardface;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The card-surface AP's information, EF 0003 (spec §5, C13): {@code FF 30} { {@code DF 31} the
 * 4-byte AP id, {@code DF 32} the card serial, {@code DF 33} the 1-byte version, {@code DF 34} the
 * issuing municipality's 6-digit local-government code }, readable without a PIN.
 */
public record ApInfo(String municipalityCode, String serial, int version) {
    static final int FID = CardFile.SURFACE_AP_INFO.fid();
    static final int TAG = 0xFF30;
    private static final String WHAT = "EF 0003 (AP information)";

    static ApInfo parse(byte[] ef) {
        List<BerTlv> parts = BerTlv.parseWhole(ef, TAG, WHAT).children(WHAT);
        if (parts.size() != 4) {
            throw new MalformedCardDataException(WHAT + ": " + parts.size() + " elements, expected 4");
        }
        parts.get(0).requireTag(0xDF31, WHAT).requireLength(4, WHAT);
        String serial = printable(parts.get(1).requireTag(0xDF32, WHAT), "card serial");
        int version = parts.get(2).requireTag(0xDF33, WHAT).requireLength(1, WHAT).value()[0] & 0xFF;
        String code = printable(parts.get(3).requireTag(0xDF34, WHAT).requireLength(6, WHAT), "municipality code");
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedCardDataException(WHAT + ": the municipality code is not 6 digits");
        }
        return new ApInfo(code, serial, version);
    }

    private static String printable(BerTlv field, String label) {
        byte[] value = field.value();
        for (byte b : value) {
            if (b < 0x20 || b > 0x7E) {
                throw new MalformedCardDataException(WHAT + ": the " + label + " is not printable ASCII");
            }
        }
        return new String(value, StandardCharsets.US_ASCII);
    }
}
