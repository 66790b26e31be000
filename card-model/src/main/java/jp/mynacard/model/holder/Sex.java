package jp.mynacard.model.holder;

import java.util.Locale;

/** Sex as the card and the JPKI certificates record it (spec §3: 1 male, 2 female, 3 unknown). */
public enum Sex {
    MALE("1"),
    FEMALE("2"),
    UNKNOWN("3");

    private final String jpkiCode;

    Sex(String jpkiCode) {
        this.jpkiCode = jpkiCode;
    }

    /** The digit carried in the signature certificate's otherName 1.2.392.200149.8.5.5.3. */
    public String jpkiCode() {
        return jpkiCode;
    }

    /** Accepts "male"/"female"/"unknown" in any case, or the JPKI digit. */
    public static Sex parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (Sex sex : values()) {
            if (sex.name().toLowerCase(Locale.ROOT).equals(value) || sex.jpkiCode.equals(value)) {
                return sex;
            }
        }
        throw new IllegalArgumentException("sex must be male, female or unknown (or 1, 2, 3), not '" + text + "'");
    }
}
