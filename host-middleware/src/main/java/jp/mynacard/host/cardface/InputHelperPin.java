package jp.mynacard.host.cardface;

/** The three PINs of the card-input-helper AP (spec §4), each with its EF and format. */
public enum InputHelperPin {
    /** The 4-digit PIN; opens everything. */
    PIN(0x0011, 3, "PIN", PinFormat.digits(4, "4 digits")),
    /** The My Number itself; opens the My Number. */
    PIN_A(0x0014, 10, "PIN-A", PinFormat.myNumber()),
    /** Birth date (era YYMMDD), expiry year and security code; opens the four attributes. */
    PIN_B(0x0015, 10, "PIN-B", PinFormat.digits(14, "14 digits"));

    private final int fid;
    private final int maxTries;
    private final String label;
    private final PinFormat format;

    InputHelperPin(int fid, int maxTries, String label, PinFormat format) {
        this.fid = fid;
        this.maxTries = maxTries;
        this.label = label;
        this.format = format;
    }

    public int fid() {
        return fid;
    }

    public int maxTries() {
        return maxTries;
    }

    /** "PIN", "PIN-A", "PIN-B": for messages and prompts. */
    public String label() {
        return label;
    }

    /** Rejects a malformed PIN (for PIN-A: a wrong check digit) before it costs a try on the card. */
    public void checkFormat(char[] pin) {
        format.check(pin, "the input-helper " + label);
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] bytes(char[] pin) {
        return format.ascii(pin, "the input-helper " + label);
    }
}
