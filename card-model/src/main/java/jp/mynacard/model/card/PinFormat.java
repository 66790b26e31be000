package jp.mynacard.model.card;

import java.nio.CharBuffer;
import java.util.regex.Pattern;
import jp.mynacard.model.holder.MyNumber;

/**
 * What a PIN must look like, checked before it reaches the card, where a malformed one would cost
 * a try; for a PIN-A (the My Number) that includes a mistyped digit, which the check digit catches.
 */
public final class PinFormat {
    private final Pattern pattern;
    private final String description;
    private final boolean myNumber;

    private PinFormat(Pattern pattern, String description, boolean myNumber) {
        this.pattern = pattern;
        this.description = description;
        this.myNumber = myNumber;
    }

    /** Exactly {@code length} ASCII digits. */
    public static PinFormat digits(int length, String description) {
        return new PinFormat(Pattern.compile("[0-9]{" + length + "}"), description, false);
    }

    /** {@code min} to {@code max} characters of A-Z and 0-9 (the JPKI signature PIN). */
    public static PinFormat upperAlphanumeric(int min, int max) {
        return new PinFormat(Pattern.compile("[A-Z0-9]{" + min + "," + max + "}"),
                min + " to " + max + " characters A-Z and 0-9", false);
    }

    /** The 12-digit My Number, check digit included. */
    public static PinFormat myNumber() {
        return new PinFormat(Pattern.compile("[0-9]{12}"), "the 12-digit My Number", true);
    }

    /** "4 digits", "6 to 16 characters A-Z and 0-9", …: what a message says the PIN must be. */
    public String description() {
        return description;
    }

    /** Whether {@code pin} has this format (for a My Number: and its check digit). */
    public boolean matches(char[] pin) {
        return pin != null && pattern.matcher(CharBuffer.wrap(pin)).matches()
                && (!myNumber || MyNumber.isValid(CharBuffer.wrap(pin)));
    }

    /** @param owner how messages name the PIN, e.g. "the input-helper PIN-A" */
    public void check(char[] pin, String owner) {
        if (pin == null || !pattern.matcher(CharBuffer.wrap(pin)).matches()) {
            throw new InvalidPinFormatException(owner + " must be " + description);
        }
        if (myNumber && !MyNumber.isValid(CharBuffer.wrap(pin))) {
            throw new InvalidPinFormatException(owner + " is not a valid My Number: its check digit is wrong");
        }
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    public byte[] ascii(char[] pin, String owner) {
        check(pin, owner);
        byte[] bytes = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            bytes[i] = (byte) pin[i]; // the format check guarantees ASCII
        }
        return bytes;
    }
}
