package jp.mynacard.host.jpki;

import java.util.regex.Pattern;
import jp.mynacard.model.card.InvalidPinFormatException;

/** The two private keys of the JPKI AP, each with the PIN EF that guards it (spec §3). */
public enum JpkiKey {
    AUTH(0x0017, 0x0018, 3, "auth", Pattern.compile("[0-9]{4}"), "4 digits"),
    SIGN(0x001A, 0x001B, 5, "sign", Pattern.compile("[A-Z0-9]{6,16}"), "6 to 16 characters A-Z and 0-9");

    private final int keyFid;
    private final int pinFid;
    private final int maxTries;
    private final String cliName;
    private final Pattern pinFormat;
    private final String formatText;

    JpkiKey(int keyFid, int pinFid, int maxTries, String cliName, Pattern pinFormat, String formatText) {
        this.keyFid = keyFid;
        this.pinFid = pinFid;
        this.maxTries = maxTries;
        this.cliName = cliName;
        this.pinFormat = pinFormat;
        this.formatText = formatText;
    }

    public int keyFid() {
        return keyFid;
    }

    public int pinFid() {
        return pinFid;
    }

    public int maxTries() {
        return maxTries;
    }

    public String cliName() {
        return cliName;
    }

    /** Rejects a malformed PIN before it reaches the card, where it would cost a try. */
    public void checkPinFormat(char[] pin) {
        if (pin == null || !pinFormat.matcher(java.nio.CharBuffer.wrap(pin)).matches()) {
            throw new InvalidPinFormatException("the " + cliName + " PIN must be " + formatText);
        }
    }

    /** The PIN as the card compares it (ASCII); the caller zeroes the array after use. */
    byte[] pinBytes(char[] pin) {
        checkPinFormat(pin);
        byte[] bytes = new byte[pin.length];
        for (int i = 0; i < pin.length; i++) {
            bytes[i] = (byte) pin[i]; // format check guarantees ASCII
        }
        return bytes;
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
