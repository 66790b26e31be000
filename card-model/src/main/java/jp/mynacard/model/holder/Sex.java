package jp.mynacard.model.holder;

import java.util.Locale;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The holder's sex, with both of its encodings: the card-face APs store one ASCII ISO 5218 digit
 * (spec §4: 1, 2, 9), the JPKI signature certificate one JPKI digit (spec §3: 1 male, 2 female,
 * 3 unknown). The same holder is {@code 9} on the chip and {@code 3} in the certificate.
 */
public enum Sex {
    MALE('1', "1", "male", "male"),
    FEMALE('2', "2", "female", "female"),
    NOT_APPLICABLE('9', "3", "unknown", "not applicable");

    private final char iso5218;
    private final String jpkiCode;
    private final String word;
    private final String label;

    Sex(char iso5218, String jpkiCode, String word, String label) {
        this.iso5218 = iso5218;
        this.jpkiCode = jpkiCode;
        this.word = word;
        this.label = label;
    }

    /** "male", "female", "unknown": the word of batch files, holder files and the centre's JSON. */
    public String word() {
        return word;
    }

    /** The ISO 5218 digit of the card-face APs' sex element. */
    public char iso5218() {
        return iso5218;
    }

    /** The digit carried in the signature certificate's otherName 1.2.392.200149.8.5.5.3. */
    public String jpkiCode() {
        return jpkiCode;
    }

    /** "male", "female", "not applicable": what the CLI prints. */
    public String label() {
        return label;
    }

    /**
     * Accepts "male", "female", "unknown" (the JPKI word) or "not applicable", in any case, or the
     * JPKI digit: what a batch file or holder file says.
     */
    public static Sex parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (Sex sex : values()) {
            if (sex.word.equals(value) || sex.label.equals(value) || sex.jpkiCode.equals(value)) {
                return sex;
            }
        }
        throw new IllegalArgumentException("sex must be male, female or unknown (or 1, 2, 3), not '" + text + "'");
    }

    /** The sex a card-face AP's ISO 5218 digit stands for. */
    public static Sex fromIso5218(byte code) {
        for (Sex s : values()) {
            if (s.iso5218 == code) {
                return s;
            }
        }
        // 0 (not known) is valid ISO 5218 but the spec allows only 1, 2 and 9 on the card
        throw new MalformedCardDataException("EF 0002: sex code " + String.format("%02X", code & 0xFF)
                + " is not 1, 2 or 9");
    }
}
