package jp.mynacard.host.cardface;

import java.nio.CharBuffer;
import java.util.regex.Pattern;
import jp.mynacard.model.card.InvalidPinFormatException;

/**
 * What a card-face PIN must look like, checked before it reaches the card, where a malformed one
 * would cost a try; for a PIN-A that includes a mistyped digit, which the check digit catches.
 */
final class PinFormat {
    private final Pattern pattern;
    private final String description;
    private final boolean myNumber;

    private PinFormat(Pattern pattern, String description, boolean myNumber) {
        this.pattern = pattern;
        this.description = description;
        this.myNumber = myNumber;
    }

    static PinFormat digits(int length, String description) {
        return new PinFormat(Pattern.compile("[0-9]{" + length + "}"), description, false);
    }

    static PinFormat myNumber() {
        return new PinFormat(Pattern.compile("[0-9]{12}"), "the 12-digit My Number", true);
    }

    /** @param owner how messages name the PIN, e.g. "the input-helper PIN-A" */
    void check(char[] pin, String owner) {
        if (pin == null || !pattern.matcher(CharBuffer.wrap(pin)).matches()) {
            throw new InvalidPinFormatException(owner + " must be " + description);
        }
        if (myNumber && !MyNumberCheckDigit.isValid(CharBuffer.wrap(pin))) {
            throw new InvalidPinFormatException(owner + " is not a valid My Number: its check digit is wrong");
        }
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] ascii(char[] pin, String owner) {
        check(pin, owner);
        byte[] bytes = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            bytes[i] = (byte) pin[i]; // the format check guarantees ASCII digits
        }
        return bytes;
    }
}
