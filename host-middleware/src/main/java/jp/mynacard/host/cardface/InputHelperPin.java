package jp.mynacard.host.cardface;

import jp.mynacard.model.card.CardPin;

/** The three PINs of the card-input-helper AP (spec §4), each with its EF and format. */
public enum InputHelperPin {
    /** The 4-digit PIN; opens everything. */
    PIN(CardPin.INPUT_HELPER_PIN, "PIN"),
    /** The My Number itself; opens the My Number. */
    PIN_A(CardPin.INPUT_HELPER_PIN_A, "PIN-A"),
    /** Birth date (era YYMMDD), expiry year and security code; opens the four attributes. */
    PIN_B(CardPin.INPUT_HELPER_PIN_B, "PIN-B");

    private final CardPin pin;
    private final String label;

    InputHelperPin(CardPin pin, String label) {
        this.pin = pin;
        this.label = label;
    }

    public int fid() {
        return pin.fid();
    }

    public int maxTries() {
        return pin.maxTries();
    }

    /** "PIN", "PIN-A", "PIN-B": for messages and prompts. */
    public String label() {
        return label;
    }

    /** Rejects a malformed PIN (for PIN-A: a wrong check digit) before it costs a try on the card. */
    public void checkFormat(char[] pin) {
        this.pin.format().check(pin, "the input-helper " + label);
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] bytes(char[] pin) {
        return this.pin.format().ascii(pin, "the input-helper " + label);
    }
}
