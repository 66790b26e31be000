package jp.mynacard.host.cardface;

import jp.mynacard.model.card.MalformedCardDataException;

/** Sex as the card stores it: one ASCII ISO 5218 digit (spec §4). */
public enum Sex {
    MALE('1', "male"),
    FEMALE('2', "female"),
    NOT_APPLICABLE('9', "not applicable");

    private final char iso5218;
    private final String label;

    Sex(char iso5218, String label) {
        this.iso5218 = iso5218;
        this.label = label;
    }

    public char iso5218() {
        return iso5218;
    }

    /** "male", "female", "not applicable": what the CLI prints. */
    public String label() {
        return label;
    }

    static Sex fromIso5218(byte code) {
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
