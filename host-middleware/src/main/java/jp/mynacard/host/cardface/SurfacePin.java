package jp.mynacard.host.cardface;

/** The three PINs of the card-surface AP (spec §5), each with its EF, format and 10 tries. */
public enum SurfacePin {
    /** The birth date as Japanese-era YYMMDD (1989-03-31 is {@code 010331}); opens the age record. */
    BIRTH_DATE_KEY(0x0011, "birth-date key", PinFormat.digits(6, "6 digits (Japanese-era YYMMDD)")),
    /** Birth date (era YYMMDD), expiry year and security code; opens the front face. */
    PIN_B(0x0012, "PIN-B", PinFormat.digits(14, "14 digits")),
    /** The My Number itself; opens the front and the back face. */
    PIN_A(0x0013, "PIN-A", PinFormat.myNumber());

    private static final int MAX_TRIES = 10;

    private final int fid;
    private final String label;
    private final PinFormat format;

    SurfacePin(int fid, String label, PinFormat format) {
        this.fid = fid;
        this.label = label;
        this.format = format;
    }

    public int fid() {
        return fid;
    }

    public int maxTries() {
        return MAX_TRIES;
    }

    /** "birth-date key", "PIN-B", "PIN-A": for messages and prompts. */
    public String label() {
        return label;
    }

    /** Rejects a malformed PIN (for PIN-A: a wrong check digit) before it costs a try on the card. */
    public void checkFormat(char[] pin) {
        format.check(pin, "the card-surface " + label);
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] bytes(char[] pin) {
        return format.ascii(pin, "the card-surface " + label);
    }
}
