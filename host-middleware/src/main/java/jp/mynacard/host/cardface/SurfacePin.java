package jp.mynacard.host.cardface;

import jp.mynacard.model.card.CardPin;

/** The three PINs of the card-surface AP (spec §5), each with its EF, format and 10 tries. */
public enum SurfacePin {
    /** The birth date as Japanese-era YYMMDD (1989-03-31 is {@code 010331}); opens the age record. */
    BIRTH_DATE_KEY(CardPin.SURFACE_BIRTH_DATE_KEY, "birth-date key"),
    /** Birth date (era YYMMDD), expiry year and security code; opens the front face. */
    PIN_B(CardPin.SURFACE_PIN_B, "PIN-B"),
    /** The My Number itself; opens the front and the back face. */
    PIN_A(CardPin.SURFACE_PIN_A, "PIN-A");

    private final CardPin pin;
    private final String label;

    SurfacePin(CardPin pin, String label) {
        this.pin = pin;
        this.label = label;
    }

    public int fid() {
        return pin.fid();
    }

    public int maxTries() {
        return pin.maxTries();
    }

    /** "birth-date key", "PIN-B", "PIN-A": for messages and prompts. */
    public String label() {
        return label;
    }

    /** Rejects a malformed PIN (for PIN-A: a wrong check digit) before it costs a try on the card. */
    public void checkFormat(char[] pin) {
        this.pin.format().check(pin, "the card-surface " + label);
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] bytes(char[] pin) {
        return this.pin.format().ascii(pin, "the card-surface " + label);
    }
}
