package jp.mynacard.perso;

import java.util.Arrays;
import jp.mynacard.model.card.CardPin;

/**
 * The two JPKI PINs a holder chose at the counter. Checked against the card's formats (spec §3)
 * here, so the card never spends effort on a PIN it would refuse; never shown by toString.
 */
public final class JpkiPins {
    private final char[] authPin;
    private final char[] signPin;

    public JpkiPins(char[] authPin, char[] signPin) {
        if (!CardPin.JPKI_AUTH.format().matches(authPin)) {
            throw new IllegalArgumentException("the authentication PIN must be " + CardPin.JPKI_AUTH.format().description());
        }
        if (!CardPin.JPKI_SIGN.format().matches(signPin)) {
            throw new IllegalArgumentException("the signature PIN must be " + CardPin.JPKI_SIGN.format().description());
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

    @Override
    public String toString() {
        return "JpkiPins[auth=****, sign=****]";
    }
}
