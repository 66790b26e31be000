package jp.mynacard.perso.cli;

/** Application ids and valid My Numbers for made-up batches of holders. */
public final class SampleHolders {
    private SampleHolders() {
    }

    public static String applicationId(int i) {
        return String.format("APP-%04d", i);
    }

    /** A valid My Number: eleven digits and the check digit of the My Number rules. */
    public static String myNumber(int i) {
        String eleven = String.format("1000000%04d", i);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int digit = eleven.charAt(11 - n) - '0';
            sum += digit * (n <= 6 ? n + 1 : n - 5);
        }
        int remainder = sum % 11;
        return eleven + (remainder <= 1 ? 0 : 11 - remainder);
    }
}
