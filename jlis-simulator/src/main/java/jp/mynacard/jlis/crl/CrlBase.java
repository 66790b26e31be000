package jp.mynacard.jlis.crl;

import java.math.BigInteger;
import java.time.Instant;

/** The full CRL that delta CRLs extend: built at registry sequence {@code sequence}, numbered {@code number}. */
record CrlBase(long sequence, BigInteger number, Instant publishedAt) {
}
