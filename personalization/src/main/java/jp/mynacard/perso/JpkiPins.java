package jp.mynacard.perso;

import java.util.Arrays;

/**
 * The two JPKI PINs a holder chose at the counter. Checked against the card's formats (spec §3)
 * here, so the card never spends effort on a PIN it would refuse; never shown by toString.
 */
public final class JpkiPins {
    static final int AUTH_PIN_LENGTH = 4;
    static final int SIGN_PIN_MIN_LENGTH = 6;
    static final int SIGN_PIN_MAX_LENGTH = 16;

    private final char[] authPin;
    private final char[] signPin;

    public JpkiPins(char[] authPin, char[] signPin) {
        if (authPin.length != AUTH_PIN_LENGTH || !allMatch(authPin, false)) {
            throw new IllegalArgumentException("the authentication PIN must be " + AUTH_PIN_LENGTH + " digits");
        }
        if (signPin.length < SIGN_PIN_MIN_LENGTH || signPin.length > SIGN_PIN_MAX_LENGTH || !allMatch(signPin, true)) {
            throw new IllegalArgumentException("the signature PIN must be " + SIGN_PIN_MIN_LENGTH + " to "
                    + SIGN_PIN_MAX_LENGTH + " characters of A-Z and 0-9");
        }
        this.authPin = authPin.clone();
        this.signPin = signPin.clone();
    }

    /** Spec §7: auth PIN 1234, sign PIN ABCDEF12. */
    public static JpkiPins sample() {
        return new JpkiPins("1234".toCharArray(), "ABCDEF12".toCharArray());
    }

    public char[] authPin() {
        return authPin.clone();
    }

    public char[] signPin() {
        return signPin.clone();
    }

    /** Overwrites the PINs once the card has them. */
    public void erase() {
        Arrays.fill(authPin, '\0');
        Arrays.fill(signPin, '\0');
    }

    private static boolean allMatch(char[] pin, boolean lettersAllowed) {
        for (char c : pin) {
            boolean digit = c >= '0' && c <= '9';
            boolean letter = c >= 'A' && c <= 'Z';
            if (!digit && !(lettersAllowed && letter)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "JpkiPins[auth=****, sign=****]";
    }
}
