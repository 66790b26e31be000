package jp.mynacard.host.cardface;

import java.nio.CharBuffer;
import java.util.regex.Pattern;
import jp.mynacard.host.card.InvalidPinFormatException;

/** The three PINs of the card-input-helper AP (spec §4), each with its EF and format. */
public enum InputHelperPin {
    /** The 4-digit PIN; opens everything. */
    PIN(0x0011, 3, "PIN", Pattern.compile("[0-9]{4}"), "4 digits"),
    /** The My Number itself; opens the My Number. */
    PIN_A(0x0014, 10, "PIN-A", Pattern.compile("[0-9]{12}"), "the 12-digit My Number"),
    /** Birth date (era YYMMDD), expiry year and security code; opens the four attributes. */
    PIN_B(0x0015, 10, "PIN-B", Pattern.compile("[0-9]{14}"), "14 digits");

    private final int fid;
    private final int maxTries;
    private final String label;
    private final Pattern format;
    private final String formatText;

    InputHelperPin(int fid, int maxTries, String label, Pattern format, String formatText) {
        this.fid = fid;
        this.maxTries = maxTries;
        this.label = label;
        this.format = format;
        this.formatText = formatText;
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

    /**
     * Rejects a malformed PIN before it reaches the card, where it would cost one of the tries;
     * for PIN-A that includes a mistyped digit, which the check digit catches.
     */
    public void checkFormat(char[] pin) {
        if (pin == null || !format.matcher(CharBuffer.wrap(pin)).matches()) {
            throw new InvalidPinFormatException("the input-helper " + label + " must be " + formatText);
        }
        if (this == PIN_A && !MyNumberCheckDigit.isValid(CharBuffer.wrap(pin))) {
            throw new InvalidPinFormatException("the input-helper PIN-A is not a valid My Number: its check digit is wrong");
        }
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] bytes(char[] pin) {
        checkFormat(pin);
        byte[] bytes = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            bytes[i] = (byte) pin[i]; // format check guarantees ASCII digits
        }
        return bytes;
    }
}
