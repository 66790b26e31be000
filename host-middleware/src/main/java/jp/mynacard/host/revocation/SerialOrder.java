package jp.mynacard.host.revocation;

import java.util.Arrays;

/** The order CrlIndex keeps serial numbers in, and the sorts that put them there. */
final class SerialOrder {
    private SerialOrder() {
    }

    /** Numeric comparison of two minimal two's complement big-endian encodings. */
    static int compareSigned(byte[] a, byte[] b) {
        boolean na = a[0] < 0;
        boolean nb = b[0] < 0;
        if (na != nb) {
            return na ? -1 : 1;
        }
        if (a.length != b.length) {
            return (a.length < b.length) != na ? -1 : 1;
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** Stable LSD radix sort (unsigned order); returns the permutation, or null if already sorted. */
    static int[] radixSortPermutation(long[] keys) {
        int n = keys.length;
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (Long.compareUnsigned(keys[i - 1], keys[i]) > 0) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return null;
        }
        long[] k = keys.clone();
        long[] k2 = new long[n];
        int[] idx = new int[n];
        int[] idx2 = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((k[i] >>> shift) & 0xff) + 1]++;
            }
            boolean trivial = false;
            for (int c = 1; c <= 256; c++) {
                if (count[c] == n) {
                    trivial = true;
                    break;
                }
            }
            if (trivial) {
                continue;
            }
            for (int c = 1; c <= 256; c++) {
                count[c] += count[c - 1];
            }
            for (int i = 0; i < n; i++) {
                int bucket = (int) ((k[i] >>> shift) & 0xff);
                int dst = count[bucket]++;
                k2[dst] = k[i];
                idx2[dst] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }

    static long[] permute(long[] a, int[] perm) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[perm[i]];
        }
        return out;
    }

    static byte[] permute(byte[] a, int[] perm) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[perm[i]];
        }
        return out;
    }
}
