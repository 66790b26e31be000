package jp.mynacard.perso.counter;

import java.util.Locale;
import jp.mynacard.model.card.CardPin;

/**
 * The PINs a counter can reset after the holder forgot them or blocked them: the holder chose
 * these; the printed-data PINs (PIN-A, PIN-B, the birth-date key) are never reset, as the
 * holder cannot forget them. Formats as spec §3–§4, checked before the card is touched.
 */
public enum CounterPin {
    JPKI_AUTH(CardPin.JPKI_AUTH, "the JPKI authentication PIN"),
    JPKI_SIGN(CardPin.JPKI_SIGN, "the JPKI signature PIN"),
    INPUT_HELPER(CardPin.INPUT_HELPER_PIN, "the card-input-helper PIN");

    private final CardPin pin;
    private final String label;

    CounterPin(CardPin pin, String label) {
        this.pin = pin;
        this.label = label;
    }

    byte[] aid() {
        return pin.file().application().aid();
    }

    String application() {
        return pin.file().application().displayName();
    }

    int fid() {
        return pin.fid();
    }

    public String label() {
        return label;
    }

    /** Refuses a PIN the card would refuse, naming the rule but never the PIN. */
    public void checkFormat(char[] pin) {
        if (!this.pin.format().matches(pin)) {
            throw new IllegalArgumentException(label + " must be " + this.pin.format().description());
        }
    }

    /** As the counter's command line names it: {@code auth}, {@code sign} or {@code input-helper}. */
    public String cliName() {
        return switch (this) {
            case JPKI_AUTH -> "auth";
            case JPKI_SIGN -> "sign";
            case INPUT_HELPER -> "input-helper";
        };
    }

    /** {@code auth}, {@code sign} or {@code input-helper}. */
    public static CounterPin fromCliName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "auth" -> JPKI_AUTH;
            case "sign" -> JPKI_SIGN;
            case "input-helper" -> INPUT_HELPER;
            default -> throw new IllegalArgumentException("unknown PIN '" + name + "': one of auth, sign, input-helper");
        };
    }
}
