package jp.mynacard.host.jpki;

import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardPin;

/** The two private keys of the JPKI AP, each with the PIN EF that guards it (spec §3). */
public enum JpkiKey {
    AUTH(CardFile.JPKI_AUTH_KEY, CardPin.JPKI_AUTH, "auth"),
    SIGN(CardFile.JPKI_SIGN_KEY, CardPin.JPKI_SIGN, "sign");

    private final CardFile key;
    private final CardPin pin;
    private final String cliName;

    JpkiKey(CardFile key, CardPin pin, String cliName) {
        this.key = key;
        this.pin = pin;
        this.cliName = cliName;
    }

    public int keyFid() {
        return key.fid();
    }

    public int pinFid() {
        return pin.fid();
    }

    public int maxTries() {
        return pin.maxTries();
    }

    public String cliName() {
        return cliName;
    }

    /** Rejects a malformed PIN before it reaches the card, where it would cost a try. */
    public void checkPinFormat(char[] pin) {
        this.pin.format().check(pin, "the " + cliName + " PIN");
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] pinBytes(char[] pin) {
        return this.pin.format().ascii(pin, "the " + cliName + " PIN");
    }

    public static JpkiKey fromCliName(String name) {
        for (JpkiKey k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key '" + name + "', expected auth or sign");
    }
}
