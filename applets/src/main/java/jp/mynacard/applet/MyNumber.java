package jp.mynacard.applet;

/**
 * The My Number's check digit (個人番号の検査用数字, spec §4): for the first 11 digits, with
 * P(n) the n-th digit counted from the right and Q(n) = n + 1 for n ≤ 6, n − 5 for n ≥ 7,
 * r = Σ P(n)·Q(n) mod 11, and the check digit is 0 when r ≤ 1, else 11 − r.
 * The largest sum is 9 × (2+3+4+5+6+7+2+3+4+5+6) = 423, so short arithmetic suffices.
 */
final class MyNumber {
    static final byte LENGTH = 12;
    private static final byte WEIGHTED_DIGITS = LENGTH - 1;
    private static final byte WEIGHT_SWITCH = 6;
    private static final byte WEIGHT_OFFSET_LOW = 1;
    private static final byte WEIGHT_OFFSET_HIGH = -5;
    private static final byte MODULUS = 11;
    private static final byte CHECK_DIGIT_ZERO_BELOW = 1;

    private MyNumber() {
    }

    /** Whether {@code length} ASCII digits at {@code offset} are a My Number whose last digit checks. */
    static boolean hasValidCheckDigit(byte[] digits, short offset, short length) {
        if (length != LENGTH) {
            return false;
        }
        short sum = 0;
        for (byte n = 1; n <= WEIGHTED_DIGITS; n++) {
            // P(n): n-th digit from the right, not counting the check digit itself
            short p = (short) (digits[(short) (offset + WEIGHTED_DIGITS - n)] - '0');
            short q = (short) (n <= WEIGHT_SWITCH ? n + WEIGHT_OFFSET_LOW : n + WEIGHT_OFFSET_HIGH);
            sum += (short) (p * q);
        }
        short r = (short) (sum % MODULUS);
        short expected = r <= CHECK_DIGIT_ZERO_BELOW ? 0 : (short) (MODULUS - r);
        return (short) (digits[(short) (offset + WEIGHTED_DIGITS)] - '0') == expected;
    }
}
