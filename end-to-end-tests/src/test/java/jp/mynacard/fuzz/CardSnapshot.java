package jp.mynacard.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every EF of every AP as the valid flow reads it (each PIN verified first, 256 bytes per READ
 * BINARY): what the fuzzer compares against to spot a leak, and what the card must still answer,
 * byte for byte, after the fuzz run.
 */
record CardSnapshot(Map<String, byte[]> publicFiles, Map<String, byte[]> protectedFiles) {

    /** Reads the card through {@code card} (one APDU in, the whole answer with SW out); starts each AP afresh. */
    static CardSnapshot read(UnaryOperator<byte[]> card) {
        Map<String, byte[]> open = new LinkedHashMap<>();
        Map<String, byte[]> guarded = new LinkedHashMap<>();
        for (FuzzedAp ap : FuzzedAp.values()) {
            expect9000(card, ap.select(), "SELECT " + ap.label);
            for (FuzzedAp.Pin pin : ap.pins) {
                expect9000(card, FuzzedAp.selectFile(pin.fid()), "SELECT PIN EF");
                expect9000(card, FuzzedAp.verify(pin.ascii()), ap.label + " VERIFY " + Integer.toHexString(pin.fid()));
            }
            for (int fid : ap.publicFiles) {
                open.put(ap.file(fid), readFile(card, fid));
            }
            for (int fid : ap.protectedFiles) {
                guarded.put(ap.file(fid), readFile(card, fid));
            }
        }
        return new CardSnapshot(open, guarded);
    }

    static byte[] readFile(UnaryOperator<byte[]> card, int fid) {
        expect9000(card, FuzzedAp.selectFile(fid), "SELECT EF " + Integer.toHexString(fid));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int offset = 0; ; ) {
            byte[] answer = card.apply(new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, 0x00});
            int sw = sw(answer);
            if (sw == 0x6B00) {
                break;
            }
            if (sw != 0x9000) {
                throw new AssertionError("READ BINARY of EF " + Integer.toHexString(fid) + " at " + offset + ": " + Integer.toHexString(sw));
            }
            content.write(answer, 0, answer.length - 2);
            offset += answer.length - 2;
            if (answer.length - 2 < 256) {
                break;
            }
        }
        return content.toByteArray();
    }

    static byte[] expect9000(UnaryOperator<byte[]> card, byte[] apdu, String what) {
        byte[] answer = card.apply(apdu);
        if (sw(answer) != 0x9000) {
            throw new AssertionError(what + ": SW " + Integer.toHexString(sw(answer)));
        }
        return Arrays.copyOf(answer, answer.length - 2);
    }

    static int sw(byte[] answer) {
        return answer.length < 2 ? -1 : ((answer[answer.length - 2] & 0xFF) << 8) | (answer[answer.length - 1] & 0xFF);
    }

    /** Same files, same bytes. */
    boolean sameAs(CardSnapshot other) {
        return sameFiles(publicFiles, other.publicFiles) && sameFiles(protectedFiles, other.protectedFiles);
    }

    private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }
}
