package jp.mynacard.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jp.mynacard.perso.counter.CounterPin;

/**
 * The four APs as the fuzzer must know them (spec §3–§5, §8): which EFs anyone may read, which
 * only after a PIN, the PINs with their values for {@code Holder.sample()} and try counts, the key EFs.
 */
enum FuzzedAp {
    JPKI("D392F000260100000001", "JPKI AP",
            List.of(0x0006, 0x0008, 0x000A, 0x000B, 0x0002), Map.of(0x0001, List.of(0x001B)),
            List.of(new Pin(0x0018, "1234", 3, CounterPin.JPKI_AUTH), new Pin(0x001B, "ABCDEF12", 5, CounterPin.JPKI_SIGN)),
            List.of(0x0017, 0x001A)),
    INPUT_HELPER("D3921000310001010408", "card-input-helper AP",
            List.of(0x0004, 0x0005), Map.of(0x0001, List.of(0x0011, 0x0014), 0x0002, List.of(0x0011, 0x0015), 0x0003, List.of(0x0011, 0x0014, 0x0015)),
            List.of(new Pin(0x0011, "1234", 3, CounterPin.INPUT_HELPER), new Pin(0x0014, "123456789018", 10, null),
                    new Pin(0x0015, "01033120345678", 10, null)),
            List.of()),
    SURFACE("D3921000310001010402", "card-surface AP",
            List.of(0x0003, 0x0004), Map.of(0x0001, List.of(0x0011), 0x0002, List.of(0x0012, 0x0013), 0x0005, List.of(0x0013)),
            List.of(new Pin(0x0011, "010331", 10, null), new Pin(0x0012, "01033120345678", 10, null),
                    new Pin(0x0013, "123456789018", 10, null)),
            List.of(0x0017)),
    FREE_AREA("D3921000310001010501", "free-area AP", List.of(), Map.of(), List.of(), List.of());

    /**
     * A PIN EF: its FID, the sample holder's value, the tries it starts with, and the counter
     * operation that resets it ({@code null} for the printed-data PINs, which nothing resets).
     */
    record Pin(int fid, String value, int maxTries, CounterPin counter) {
        byte[] ascii() {
            return value.getBytes(StandardCharsets.US_ASCII);
        }
    }

    final byte[] aid;
    final String label;
    final List<Integer> publicFiles;
    final List<Integer> protectedFiles;
    /** For each protected EF, the PINs any one of which, verified, lets it be read. */
    final Map<Integer, List<Integer>> readConditions;
    final List<Pin> pins;
    final List<Integer> keyFiles;

    FuzzedAp(String aidHex, String label, List<Integer> publicFiles, Map<Integer, List<Integer>> readConditions, List<Pin> pins,
             List<Integer> keyFiles) {
        this.aid = HexFormat.of().parseHex(aidHex);
        this.label = label;
        this.publicFiles = publicFiles;
        this.readConditions = readConditions;
        this.protectedFiles = readConditions.keySet().stream().sorted().toList();
        this.pins = pins;
        this.keyFiles = keyFiles;
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
