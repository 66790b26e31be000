package jp.mynacard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jp.mynacard.model.card.CardPin;
import jp.mynacard.perso.counter.CounterPin;

/**
 * The four APs as the fuzzer must know them (spec §3–§5, §8): which EFs anyone may read, which
 * only after a PIN, the PINs with the values the personalization of {@code Holder.sample()} set,
 * their tries and formats, the key EFs and the PIN each needs. {@link ReferenceCard} judges the
 * card's answers against this.
 */
enum FuzzedAp {
    JPKI("D392F000260100000001", "JPKI AP",
            List.of(0x0006, 0x0008, 0x000A, 0x000B, 0x0002), Map.of(0x0001, List.of(0x001B)),
            List.of(new Pin(CardPin.JPKI_AUTH, "1234", CounterPin.JPKI_AUTH), new Pin(CardPin.JPKI_SIGN, "ABCDEF12", CounterPin.JPKI_SIGN)),
            List.of(new Key(0x0017, 0x0018), new Key(0x001A, 0x001B)), Key.NONE),
    INPUT_HELPER("D3921000310001010408", "card-input-helper AP",
            List.of(0x0004, 0x0005), Map.of(0x0001, List.of(0x0011, 0x0014), 0x0002, List.of(0x0011, 0x0015), 0x0003, List.of(0x0011, 0x0014, 0x0015)),
            List.of(new Pin(CardPin.INPUT_HELPER_PIN, "1234", CounterPin.INPUT_HELPER), new Pin(CardPin.INPUT_HELPER_PIN_A, "123456789018", null),
                    new Pin(CardPin.INPUT_HELPER_PIN_B, "01033120345678", null)),
            List.of(), Key.NONE),
    SURFACE("D3921000310001010402", "card-surface AP",
            List.of(0x0003, 0x0004), Map.of(0x0001, List.of(0x0011), 0x0002, List.of(0x0012, 0x0013), 0x0005, List.of(0x0013)),
            List.of(new Pin(CardPin.SURFACE_BIRTH_DATE_KEY, "010331", null), new Pin(CardPin.SURFACE_PIN_B, "01033120345678", null),
                    new Pin(CardPin.SURFACE_PIN_A, "123456789018", null)),
            // the card-authentication key signs for anyone, also as the AP's own key (COMPUTE DIGITAL SIGNATURE P2 00)
            List.of(new Key(0x0017, Key.NO_PIN)), 0x0017),
    FREE_AREA("D3921000310001010501", "free-area AP", List.of(), Map.of(), List.of(), List.of(), Key.NONE);

    /**
     * A PIN EF: the spec's PIN (FID, tries, format), the sample holder's value, and the counter
     * operation that resets it ({@code null} for the printed-data PINs, which nothing resets and
     * the holder cannot change).
     */
    record Pin(CardPin spec, String value, CounterPin counter) {
        int fid() {
            return spec.fid();
        }

        int maxTries() {
            return spec.maxTries();
        }

        byte[] ascii() {
            return value.getBytes(StandardCharsets.US_ASCII);
        }

        /** Whether the card must compare these bytes (a try spent when wrong) or refuse them unread (6A80, no try). */
        boolean isWellFormed(byte[] candidate) {
            char[] chars = new char[candidate.length];
            for (int i = 0; i < candidate.length; i++) {
                chars[i] = (char) (candidate[i] & 0xFF);
            }
            return spec.format().matches(chars);
        }

        /** A value of the right format that is not this PIN (first character moved on, check digit fixed): it costs one try. */
        byte[] wrongValue() {
            byte[] wrong = ascii();
            wrong[0] = (byte) (wrong[0] == '9' ? '0' : wrong[0] == 'Z' ? 'A' : wrong[0] + 1);
            for (char last = '0'; !isWellFormed(wrong) && last <= '9'; last++) {
                wrong[wrong.length - 1] = (byte) last;
            }
            return wrong;
        }

        /** CHANGE REFERENCE DATA is the holder's for the PINs a counter resets; the printed-data ones only personalization sets. */
        boolean isHolderChangeable() {
            return counter != null;
        }
    }

    /** A private-key EF and the PIN that must be verified before it signs ({@link #NO_PIN}: it signs for anyone). */
    record Key(int fid, int pin) {
        static final int NO_PIN = -1;
        /** No AP key for COMPUTE DIGITAL SIGNATURE P2 00. */
        static final int NONE = -1;
    }

    final byte[] aid;
    final String label;
    final List<Integer> publicFiles;
    final List<Integer> protectedFiles;
    /** For each protected EF, the PINs any one of which, verified, lets it be read. */
    final Map<Integer, List<Integer>> readConditions;
    final List<Pin> pins;
    final List<Key> keys;
    final List<Integer> keyFiles;
    /** The key COMPUTE DIGITAL SIGNATURE with P2 00 uses, or {@link Key#NONE}. */
    final int applicationKey;

    FuzzedAp(String aidHex, String label, List<Integer> publicFiles, Map<Integer, List<Integer>> readConditions, List<Pin> pins,
             List<Key> keys, int applicationKey) {
        this.aid = HexFormat.of().parseHex(aidHex);
        this.label = label;
        this.publicFiles = publicFiles;
        this.readConditions = readConditions;
        this.protectedFiles = readConditions.keySet().stream().sorted().toList();
        this.pins = pins;
        this.keys = keys;
        this.keyFiles = keys.stream().map(Key::fid).toList();
        this.applicationKey = applicationKey;
    }

    /** The PIN EF with this FID, or {@code null}. */
    Pin pin(int fid) {
        return pins.stream().filter(pin -> pin.fid() == fid).findFirst().orElse(null);
    }

    /** The key EF with this FID, or {@code null}. */
    Key key(int fid) {
        return keys.stream().filter(key -> key.fid() == fid).findFirst().orElse(null);
    }

    byte[] select() {
        return ApduMutator.concat(new byte[] {0x00, (byte) 0xA4, 0x04, 0x0C, (byte) aid.length}, aid);
    }

    /** How the snapshot and the leak watch name an EF: {@code JPKI/1}. */
    String file(int fid) {
        return name() + "/" + fid;
    }

    /** The AP this AID names, or {@code null}. */
    static FuzzedAp byAid(byte[] aid) {
        for (FuzzedAp ap : values()) {
            if (java.util.Arrays.equals(ap.aid, aid)) {
                return ap;
            }
        }
        return null;
    }

    static byte[] selectFile(int fid) {
        return new byte[] {0x00, (byte) 0xA4, 0x02, 0x0C, 0x02, (byte) (fid >> 8), (byte) fid};
    }

    static byte[] verify(byte[] pin) {
        return ApduMutator.concat(new byte[] {0x00, 0x20, 0x00, (byte) 0x80, (byte) pin.length}, pin);
    }

    static final byte[] TRIES_QUERY = {0x00, 0x20, 0x00, (byte) 0x80};
    static final byte[] STATUS_QUERY = {(byte) 0x80, (byte) 0xCA, 0x00, (byte) 0xC2, 0x00};
}
