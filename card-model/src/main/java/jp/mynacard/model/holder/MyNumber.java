package jp.mynacard.model.holder;

/**
 * The 12-digit individual number (個人番号). Its last digit is a check digit over the other
 * eleven (総務省令第85号 第5条), so a mistyped number is caught before it reaches a card.
 * The number itself is a secret: {@link #toString()} never shows it.
 */
public final class MyNumber {
    public static final int LENGTH = 12;

    private final String digits;

    private MyNumber(String digits) {
        this.digits = digits;
    }

    /** Parses a My Number; the message of a failure never repeats the number. */
    public static MyNumber parse(String text) {
        if (text == null || text.length() != LENGTH || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a My Number is exactly " + LENGTH + " ASCII digits");
        }
        if (checkDigit(text.substring(0, LENGTH - 1)) != text.charAt(LENGTH - 1) - '0') {
            throw new IllegalArgumentException("the My Number's check digit does not match its first 11 digits");
        }
        return new MyNumber(text);
    }

    /** Check digit of the first eleven digits: weights 2..7 then 2..6 from the right, modulus 11. */
    static int checkDigit(String elevenDigits) {
        int sum = 0;
        for (int n = 1; n <= LENGTH - 1; n++) {
            int digit = elevenDigits.charAt(LENGTH - 1 - n) - '0';
            int weight = n <= 6 ? n + 1 : n - 5;
            sum += digit * weight;
        }
        int remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /** The digits, for writing to the card or a form; callers must not log them. */
    public String digits() {
        return digits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MyNumber number && number.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "MyNumber[************]";
    }
}
