package jp.mynacard.perso.counter;

import java.util.Locale;

/**
 * The PINs a counter can reset after the holder forgot them or blocked them: the holder chose
 * these; the printed-data PINs (PIN-A, PIN-B, the birth-date key) are never reset, as the
 * holder cannot forget them. Formats as spec §3–§4, checked before the card is touched.
 */
public enum CounterPin {
    JPKI_AUTH(Aids.JPKI, "JPKI AP", 0x0018, "the JPKI authentication PIN", 4, 4, false),
    JPKI_SIGN(Aids.JPKI, "JPKI AP", 0x001B, "the JPKI signature PIN", 6, 16, true),
    INPUT_HELPER(Aids.INPUT_HELPER, "card-input-helper AP", 0x0011, "the card-input-helper PIN", 4, 4, false);

    private final byte[] aid;
    private final String application;
    private final int fid;
    private final String label;
    private final int minLength;
    private final int maxLength;
    private final boolean lettersAllowed;

    CounterPin(byte[] aid, String application, int fid, String label, int minLength, int maxLength, boolean lettersAllowed) {
        this.aid = aid;
        this.application = application;
        this.fid = fid;
        this.label = label;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.lettersAllowed = lettersAllowed;
    }

    byte[] aid() {
        return aid.clone();
    }

    String application() {
        return application;
    }

    int fid() {
        return fid;
    }

    public String label() {
        return label;
    }

    /** Refuses a PIN the card would refuse, naming the rule but never the PIN. */
    public void checkFormat(char[] pin) {
        boolean lengthOk = pin.length >= minLength && pin.length <= maxLength;
        boolean charactersOk = true;
        for (char c : pin) {
            charactersOk &= (c >= '0' && c <= '9') || (lettersAllowed && c >= 'A' && c <= 'Z');
        }
        if (!lengthOk || !charactersOk) {
            String length = minLength == maxLength ? String.valueOf(minLength) : minLength + " to " + maxLength;
            throw new IllegalArgumentException(label + " must be " + length + (lettersAllowed ? " characters of A-Z and 0-9" : " digits"));
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

    /** The APs' identifiers (spec §1). */
    static final class Aids {
        static final byte[] JPKI = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
        static final byte[] INPUT_HELPER = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08};
        static final byte[] SURFACE = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02};

        private Aids() {
        }
    }
}
