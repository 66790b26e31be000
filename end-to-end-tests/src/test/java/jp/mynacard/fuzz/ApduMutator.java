package jp.mynacard.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Makes fuzz APDUs from valid ones: one to three mutations (a byte, a bit, the header fields set
 * to the values the applets branch on, a length byte that lies, truncation, trailing garbage,
 * the extended-length form) — or, now and then, an APDU made from nothing but the header values
 * the card knows and random body framing. Seeded: the same seed gives the same APDUs.
 */
final class ApduMutator {
    private static final byte[] CLASSES = {0x00, (byte) 0x80, (byte) 0x84, 0x0C, 0x04, 0x10, (byte) 0xFF, (byte) 0x90};
    /** Every instruction an AP of this card answers (spec §2–§8, the personalization and free-area commands). */
    private static final byte[] INSTRUCTIONS = {(byte) 0xA4, (byte) 0xB0, (byte) 0xB1, 0x20, 0x24, 0x2A, 0x46, (byte) 0xD6,
            0x2C, 0x44, 0x0E, (byte) 0xCA, 0x50, (byte) 0x82, (byte) 0xE0, (byte) 0xE4, (byte) 0xC0, (byte) 0x88};
    private static final byte[] EDGE_BYTES = {0x00, 0x01, 0x02, 0x04, 0x0C, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0x82, (byte) 0xFF};
    static final int MAX_LENGTH = 600;

    private final Random random;

    ApduMutator(Random random) {
        this.random = random;
    }

    /** A mutation of {@code valid}: never the same array, possibly not an APDU at all. */
    byte[] mutate(byte[] valid) {
        byte[] apdu = valid.clone();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            apdu = mutateOnce(apdu);
        }
        return apdu;
    }

    /** An APDU from the header values the card knows and a random body framing. */
    byte[] fromScratch() {
        byte[] header = {pick(CLASSES), pick(INSTRUCTIONS), edgeOrRandom(), edgeOrRandom()};
        if (random.nextInt(8) == 0) {
            header[1] = (byte) random.nextInt(256);
        }
        return switch (random.nextInt(6)) {
            case 0 -> header;
            case 1 -> concat(header, new byte[] {edgeOrRandom()});
            case 2 -> withData(header, randomBytes(random.nextInt(256)), random.nextBoolean());
            case 3 -> extended(header, randomBytes(random.nextInt(400)));
            case 4 -> concat(header, randomBytes(1 + random.nextInt(40)));
            default -> concat(header, new byte[] {0x00, edgeOrRandom(), edgeOrRandom()});
        };
    }

    private byte[] mutateOnce(byte[] apdu) {
        switch (random.nextInt(11)) {
            case 0, 1 -> {
                if (apdu.length > 0) {
                    apdu[random.nextInt(apdu.length)] = edgeOrRandom();
                }
            }
            case 2 -> {
                if (apdu.length > 0) {
                    apdu[random.nextInt(apdu.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> setAt(apdu, 0, pick(CLASSES));
            case 4 -> setAt(apdu, 1, random.nextInt(4) == 0 ? (byte) random.nextInt(256) : pick(INSTRUCTIONS));
            case 5 -> setAt(apdu, 2 + random.nextInt(2), edgeOrRandom());
            case 6 -> setAt(apdu, 4, edgeOrRandom());
            case 7 -> apdu = Arrays.copyOf(apdu, random.nextInt(apdu.length + 1));
            case 8 -> apdu = concat(apdu, randomBytes(1 + random.nextInt(random.nextBoolean() ? 4 : 300)));
            case 9 -> {
                if (apdu.length >= 5) {
                    int lc = apdu[4] & 0xFF;
                    byte[] data = Arrays.copyOfRange(apdu, 5, Math.min(apdu.length, 5 + lc));
                    apdu = extended(Arrays.copyOf(apdu, 4), data);
                }
            }
            default -> {
                // the last byte as Le: 00 (up to 256), a small count, or dropped
                if (apdu.length > 4) {
                    apdu[apdu.length - 1] = random.nextBoolean() ? 0 : (byte) random.nextInt(8);
                }
            }
        }
        return apdu.length > MAX_LENGTH ? Arrays.copyOf(apdu, MAX_LENGTH) : apdu;
    }

    private byte[] withData(byte[] header, byte[] data, boolean withLe) {
        byte[] apdu = concat(concat(header, new byte[] {(byte) data.length}), data);
        return withLe ? concat(apdu, new byte[] {edgeOrRandom()}) : apdu;
    }

    /** Extended length: 00, Lc in two bytes, data, and now and then a two-byte Le. */
    private byte[] extended(byte[] header, byte[] data) {
        byte[] apdu = concat(header, new byte[] {0x00, (byte) (data.length >> 8), (byte) data.length});
        apdu = concat(apdu, data);
        return random.nextBoolean() ? concat(apdu, new byte[] {0x00, 0x00}) : apdu;
    }

    private static void setAt(byte[] apdu, int index, byte value) {
        if (index < apdu.length) {
            apdu[index] = value;
        }
    }

    private byte edgeOrRandom() {
        return random.nextBoolean() ? pick(EDGE_BYTES) : (byte) random.nextInt(256);
    }

    private byte pick(byte[] values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
