package jp.mynacard.host.revocation;

import java.util.Arrays;

/** A long[] that grows as a CRL's entries are read: no boxing, no List of a million Longs. */
final class GrowingLongs {
    long[] a = new long[16];
    int n;

    void add(long v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, a.length + (a.length >> 1) + 16);
        }
        a[n++] = v;
    }

    void ensure(int cap) {
        if (cap > a.length) {
            a = Arrays.copyOf(a, cap);
        }
    }

    long[] trim() {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }
}
