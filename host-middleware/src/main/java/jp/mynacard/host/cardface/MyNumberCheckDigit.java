package jp.mynacard.host.cardface;

/**
 * The My Number's check digit (spec §4; 平成26年総務省令第85号 Art. 5): with P(n) the n-th of
 * the first 11 digits counted from the right and Q(n) = n+1 for n ≤ 6, n−5 above,
 * r = Σ P(n)·Q(n) mod 11 and the check digit is 0 when r ≤ 1, else 11 − r.
 */
public final class MyNumberCheckDigit {
    public static final int LENGTH = 12;

    private MyNumberCheckDigit() {
    }

    /** True for 12 ASCII digits whose last one is the check digit of the others. */
    public static boolean isValid(CharSequence number) {
        if (number == null || number.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return false;
            }
        }
        return of(number) == number.charAt(LENGTH - 1) - '0';
    }

    /** The check digit over the first 11 digits of {@code digits}. */
    static int of(CharSequence digits) {
        int sum = 0;
        for (int n = 1; n <= LENGTH - 1; n++) {
            int p = digits.charAt(LENGTH - 1 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }
}
