package jp.mynacard.model.card;

/**
 * Every PIN of every application: the EF that holds it, its tries and its format (spec §3–§5).
 * The host checks a PIN against its format before sending it; the bureau before writing it.
 */
public enum CardPin {
    JPKI_AUTH(CardFile.JPKI_AUTH_PIN, 3, PinFormat.digits(4, "4 digits")),
    JPKI_SIGN(CardFile.JPKI_SIGN_PIN, 5, PinFormat.upperAlphanumeric(6, 16)),
    /** The 4-digit PIN; opens everything. */
    INPUT_HELPER_PIN(CardFile.INPUT_HELPER_PIN, 3, PinFormat.digits(4, "4 digits")),
    /** The My Number itself; opens the My Number. */
    INPUT_HELPER_PIN_A(CardFile.INPUT_HELPER_PIN_A, 10, PinFormat.myNumber()),
    /** Birth date (era YYMMDD), expiry year and security code; opens the four attributes. */
    INPUT_HELPER_PIN_B(CardFile.INPUT_HELPER_PIN_B, 10, PinFormat.digits(14, "14 digits")),
    /** The birth date as Japanese-era YYMMDD (1989-03-31 is {@code 010331}); opens the age record. */
    SURFACE_BIRTH_DATE_KEY(CardFile.SURFACE_BIRTH_DATE_KEY, 10, PinFormat.digits(6, "6 digits (Japanese-era YYMMDD)")),
    /** Birth date (era YYMMDD), expiry year and security code; opens the front face. */
    SURFACE_PIN_B(CardFile.SURFACE_PIN_B, 10, PinFormat.digits(14, "14 digits")),
    /** The My Number itself; opens the front and the back face. */
    SURFACE_PIN_A(CardFile.SURFACE_PIN_A, 10, PinFormat.myNumber());

    private final CardFile file;
    private final int maxTries;
    private final PinFormat format;

    CardPin(CardFile file, int maxTries, PinFormat format) {
        this.file = file;
        this.maxTries = maxTries;
        this.format = format;
    }

    /** The PIN's EF. */
    public CardFile file() {
        return file;
    }

    public int fid() {
        return file.fid();
    }

    /** The tries a fresh or reset PIN has. */
    public int maxTries() {
        return maxTries;
    }

    public PinFormat format() {
        return format;
    }
}
