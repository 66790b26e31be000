package jp.mynacard.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates a valid file (a DER structure, a JSON message, a CSV batch): one to four edits among a
 * byte set to an edge value, a bit flip, bytes inserted, a range deleted or repeated, truncation,
 * a DER length replaced by one that lies (long form, huge, indefinite), and a splice from another
 * sample. Seeded, so a failing input is made again from the printed seed.
 */
final class ByteMutator {
    private static final byte[] EDGE = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0x82, (byte) 0x84, (byte) 0xFF,
            0x30, 0x02, 0x04, 0x05, 0x06, (byte) 0xA0, '"', '{', '}', ',', ':', '\\', '\n', '\r'};
    private static final byte[][] LYING_LENGTHS = {{(byte) 0x80}, {(byte) 0x84, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
            {(byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, {(byte) 0x82, (byte) 0xFF, (byte) 0xFF}, {(byte) 0x81, 0x00},
            {(byte) 0x89, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}, {0x00}};
    private final Random random;

    ByteMutator(Random random) {
        this.random = random;
    }

    byte[] mutate(List<byte[]> samples) {
        byte[] input = samples.get(random.nextInt(samples.size())).clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            input = edit(input, samples);
        }
        return input;
    }

    private byte[] edit(byte[] input, List<byte[]> samples) {
        if (input.length == 0) {
            return new byte[] {EDGE[random.nextInt(EDGE.length)]};
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(9)) {
            case 0, 1 -> input[at] = random.nextBoolean() ? EDGE[random.nextInt(EDGE.length)] : (byte) random.nextInt(256);
            case 2 -> input[at] ^= (byte) (1 << random.nextInt(8));
            case 3 -> input = splice(input, at, 0, randomBytes(1 + random.nextInt(16)));
            case 4 -> input = splice(input, at, Math.min(input.length - at, 1 + random.nextInt(64)), new byte[0]);
            case 5 -> {
                int length = Math.min(input.length - at, 1 + random.nextInt(64));
                input = splice(input, at, 0, Arrays.copyOfRange(input, at, at + length));
            }
            case 6 -> input = Arrays.copyOf(input, at);
            case 7 -> {
                // the byte after a DER tag becomes a length that lies
                byte[] lie = LYING_LENGTHS[random.nextInt(LYING_LENGTHS.length)];
                int replaced = Math.min(input.length - at, 1 + ((input[at] & 0x80) != 0 ? input[at] & 0x07 : 0));
                input = splice(input, at, replaced, lie);
            }
            default -> {
                byte[] other = samples.get(random.nextInt(samples.size()));
                int from = random.nextInt(other.length);
                int length = Math.min(other.length - from, 1 + random.nextInt(256));
                input = splice(input, at, random.nextInt(Math.min(input.length - at, 64) + 1), Arrays.copyOfRange(other, from, from + length));
            }
        }
        return input;
    }

    private static byte[] splice(byte[] input, int at, int remove, byte[] insert) {
        byte[] out = new byte[input.length - remove + insert.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(input, at + remove, out, at + insert.length, input.length - at - remove);
        return out;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
