package jp.mynacard.myna;

import java.util.Arrays;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;

/**
 * Which input-helper PIN a {@code text} command verifies, and where its value comes from. Each
 * PIN comes from its option, then its variable ({@code MYNA_TEXT_PIN}, {@code MYNA_PIN_A},
 * {@code MYNA_PIN_B}), then the prompt; {@code --pin-a}/{@code --pin-b} without a value choose
 * that PIN and leave the value to the variable or the prompt.
 */
final class InputHelperPins {
    private final PinSource source;

    InputHelperPins(PinSource source) {
        this.source = source;
    }

    static String variable(InputHelperPin which) {
        return switch (which) {
            case PIN -> "MYNA_TEXT_PIN";
            case PIN_A -> "MYNA_PIN_A";
            case PIN_B -> "MYNA_PIN_B";
        };
    }

    static String option(InputHelperPin which) {
        return switch (which) {
            case PIN -> "--pin";
            case PIN_A -> "--pin-a";
            case PIN_B -> "--pin-b";
        };
    }

    /**
     * The PIN to use when either the 4-digit PIN or {@code alternative} would do: the one chosen
     * on the command line, else the one whose variable is set (the PIN's first), else the PIN.
     */
    InputHelperPin choose(char[] pin, char[] alternativeValue, InputHelperPin alternative) {
        if (pin != null || alternativeValue == null && source.inEnvironment(variable(InputHelperPin.PIN))) {
            return InputHelperPin.PIN;
        }
        return alternativeValue != null || source.inEnvironment(variable(alternative)) ? alternative : InputHelperPin.PIN;
    }

    /** For verify, which needs everything: PIN-A and PIN-B when either is chosen, or only their variables are set. */
    boolean pinAAndPinB(char[] pin, char[] pinA, char[] pinB) {
        if (pin != null) {
            return false;
        }
        return pinA != null || pinB != null || !source.inEnvironment(variable(InputHelperPin.PIN))
                && source.inEnvironment(variable(InputHelperPin.PIN_A)) && source.inEnvironment(variable(InputHelperPin.PIN_B));
    }

    /** Verifies {@code which} with the value from {@code fromOption} (null or empty: variable, then prompt). */
    void verify(InputHelperCard card, InputHelperPin which, char[] fromOption) {
        char[] given = fromOption == null || fromOption.length == 0 ? null : fromOption;
        char[] value = source.pin("input-helper " + which.label(), option(which), variable(which), given);
        try {
            card.verifyPin(which, value);
        } finally {
            Arrays.fill(value, '\0');
        }
    }
}
