package jp.mynacard.host.cardface;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.Sex;

/**
 * EF 0002: {@code FF 20} holding the offset table {@code DF 21} and the four attributes
 * {@code DF 22}..{@code DF 25}, in that order and nothing else (spec §4).
 */
final class AttributesFile {
    static final int FID = CardFile.INPUT_HELPER_ATTRIBUTES.fid();
    static final int TAG = 0xFF20;
    private static final int TAG_OFFSETS = 0xDF21;
    private static final int[] FIELD_TAGS = {0xDF22, 0xDF23, 0xDF24, 0xDF25};
    private static final String WHAT = "EF 0002 (attributes)";

    private final List<BerTlv> fields;

    private AttributesFile(List<BerTlv> fields) {
        this.fields = fields;
    }

    /** Checks the structure and the offset table; the fields are decoded by {@link #attributes()}. */
    static AttributesFile parse(byte[] ef) {
        BerTlv outer = BerTlv.parseWhole(ef, TAG, WHAT);
        List<BerTlv> children = outer.children(WHAT);
        if (children.size() != 1 + FIELD_TAGS.length) {
            throw new MalformedCardDataException(WHAT + ": " + children.size() + " elements, expected 5");
        }
        byte[] offsets = children.get(0).requireTag(TAG_OFFSETS, WHAT).requireLength(2 * FIELD_TAGS.length, WHAT).value();
        List<BerTlv> fields = children.subList(1, children.size());
        for (int i = 0; i < FIELD_TAGS.length; i++) {
            BerTlv field = fields.get(i).requireTag(FIELD_TAGS[i], WHAT);
            int listed = ((offsets[2 * i] & 0xFF) << 8) | (offsets[2 * i + 1] & 0xFF);
            if (listed != field.offsetIn(outer)) {
                throw new MalformedCardDataException(WHAT + ": the offset table puts " + BerTlv.hexTag(FIELD_TAGS[i])
                        + " at " + listed + ", it is at " + field.offsetIn(outer));
            }
        }
        return new AttributesFile(List.copyOf(fields));
    }

    /** DF 22..DF 25 as stored: what the centre hashed into DF 32 (the offset table is left out). */
    byte[] signedPart() {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        fields.forEach(f -> signed.writeBytes(f.encoded()));
        return signed.toByteArray();
    }

    CardAttributes attributes() {
        String name = utf8(fields.get(0), "name");
        String address = utf8(fields.get(1), "address");
        LocalDate birthDate = CardDates.yyyymmdd(fields.get(2), WHAT, "birth date");
        Sex sex = Sex.fromIso5218(fields.get(3).requireLength(1, WHAT).value()[0]);
        return new CardAttributes(name, address, birthDate, sex);
    }

    /** Strict: a byte sequence that is not UTF-8 is corruption, not a replacement character. */
    private static String utf8(BerTlv field, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(field.value()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCardDataException(WHAT + ": the " + what + " is not valid UTF-8");
        }
    }

}
