package jp.mynacard.myna;

import java.util.Arrays;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;

/**
 * Which card-surface PIN a {@code surface} or {@code age} command verifies, and where its value
 * comes from: its option, then its variable ({@code MYNA_PIN_A}, {@code MYNA_PIN_B} — the same
 * values as the input-helper AP's — and {@code MYNA_BIRTH_KEY}), then the prompt.
 */
final class SurfacePins {
    private final PinSource source;

    SurfacePins(PinSource source) {
        this.source = source;
    }

    static String variable(SurfacePin which) {
        return switch (which) {
            case BIRTH_DATE_KEY -> "MYNA_BIRTH_KEY";
            case PIN_A -> "MYNA_PIN_A";
            case PIN_B -> "MYNA_PIN_B";
        };
    }

    static String option(SurfacePin which) {
        return switch (which) {
            case BIRTH_DATE_KEY -> "--birth-key";
            case PIN_A -> "--pin-a";
            case PIN_B -> "--pin-b";
        };
    }

    /**
     * The PIN that opens the front face: the one chosen on the command line, else the one whose
     * variable is set (PIN-B's first), else PIN-B.
     */
    SurfacePin chooseForFrontFace(char[] pinA, char[] pinB) {
        if (pinA != null) {
            return SurfacePin.PIN_A;
        }
        if (pinB != null || source.inEnvironment(variable(SurfacePin.PIN_B))) {
            return SurfacePin.PIN_B;
        }
        return source.inEnvironment(variable(SurfacePin.PIN_A)) ? SurfacePin.PIN_A : SurfacePin.PIN_B;
    }

    /** The value of {@code which}: {@code fromOption} when it has one, else the variable, else the prompt. Zero it after use. */
    char[] value(SurfacePin which, char[] fromOption) {
        char[] given = fromOption == null || fromOption.length == 0 ? null : fromOption;
        return source.pin("card-surface " + which.label(), option(which), variable(which), given);
    }

    /** Verifies {@code which} with its value from {@link #value}. */
    void verify(SurfaceCard card, SurfacePin which, char[] fromOption) {
        char[] value = value(which, fromOption);
        try {
            card.verifyPin(which, value);
        } finally {
            Arrays.fill(value, '\0');
        }
    }
}
