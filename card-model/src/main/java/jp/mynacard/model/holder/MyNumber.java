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
        if (!isTwelveDigits(text)) {
            throw new IllegalArgumentException("a My Number is exactly " + LENGTH + " ASCII digits");
        }
        if (checkDigit(text) != text.charAt(LENGTH - 1) - '0') {
            throw new IllegalArgumentException("the My Number's check digit does not match its first 11 digits");
        }
        return new MyNumber(text);
    }

    /**
     * True for 12 ASCII digits whose last one is the check digit of the others; for a number
     * held as characters (a PIN-A being typed) that must not become a String.
     */
    public static boolean isValid(CharSequence number) {
        return isTwelveDigits(number) && checkDigit(number) == number.charAt(LENGTH - 1) - '0';
    }

    private static boolean isTwelveDigits(CharSequence text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Check digit of the first eleven digits (総務省令第85号 第5条): with P(n) the n-th digit from the
     * right and Q(n) = n+1 for n ≤ 6, n−5 above, r = Σ P(n)·Q(n) mod 11; 0 when r ≤ 1, else 11 − r.
     */
    static int checkDigit(CharSequence elevenDigits) {
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
