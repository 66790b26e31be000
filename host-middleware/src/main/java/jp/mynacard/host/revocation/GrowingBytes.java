package jp.mynacard.host.revocation;

import java.util.Arrays;

/** A byte[] that grows as a CRL's entries are read (one reason code per entry). */
final class GrowingBytes {
    byte[] a = new byte[16];
    int n;

    void add(byte v) {
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
}
