package jp.mynacard.host.revocation;

import java.util.Arrays;

/** The serials too long for a long, as they are read. */
final class GrowingByteArrays {
    byte[][] a = new byte[4][];
    int size;

    void add(byte[] v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[size++] = v;
    }
}
