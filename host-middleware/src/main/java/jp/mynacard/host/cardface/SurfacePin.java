package jp.mynacard.host.cardface;

import java.nio.CharBuffer;
import java.util.regex.Pattern;
import jp.mynacard.host.card.InvalidPinFormatException;

/** The three PINs of the card-surface AP (spec §5), each with its EF, format and 10 tries. */
public enum SurfacePin {
    /** The birth date as Japanese-era YYMMDD (1989-03-31 is {@code 010331}); opens the age record. */
    BIRTH_DATE_KEY(0x0011, "birth-date key", Pattern.compile("[0-9]{6}"), "6 digits (Japanese-era YYMMDD)"),
    /** Birth date (era YYMMDD), expiry year and security code; opens the front face. */
    PIN_B(0x0012, "PIN-B", Pattern.compile("[0-9]{14}"), "14 digits"),
    /** The My Number itself; opens the front and the back face. */
    PIN_A(0x0013, "PIN-A", Pattern.compile("[0-9]{12}"), "the 12-digit My Number");

    private static final int MAX_TRIES = 10;

    private final int fid;
    private final String label;
    private final Pattern format;
    private final String formatText;

    SurfacePin(int fid, String label, Pattern format, String formatText) {
        this.fid = fid;
        this.label = label;
        this.format = format;
        this.formatText = formatText;
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
        if (pin == null || !format.matcher(CharBuffer.wrap(pin)).matches()) {
            throw new InvalidPinFormatException("the card-surface " + label + " must be " + formatText);
        }
        if (this == PIN_A && !MyNumberCheckDigit.isValid(CharBuffer.wrap(pin))) {
            throw new InvalidPinFormatException("the card-surface PIN-A is not a valid My Number: its check digit is wrong");
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
