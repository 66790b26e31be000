package jp.mynacard.host.revocation;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The entries of one CRL as {@link CrlParser} reads them, in the order of the DER: serials that fit
 * in 64 unsigned bits in parallel primitive arrays, the others as byte arrays; {@link CrlIndex}
 * sorts them. Invalidity dates get an array only once an entry has one.
 */
final class CrlIndexBuilder {
    /** No such time (nextUpdate absent, no invalidityDate). */
    static final long NONE = Long.MIN_VALUE;

    X500Principal issuer;
    long thisUpdate;
    long nextUpdate = NONE;
    BigInteger crlNumber;
    BigInteger baseCrlNumber;
    byte[] freshestCrl;
    String signatureAlgorithm;
    CrlScope scope = CrlScope.UNRESTRICTED;
    byte[] authorityKeyId;
    List<URI> caIssuers = List.of();
    /** The critical extensions this parser does not process, in order met. */
    final List<String> unprocessed = new ArrayList<>();

    /** Indirect CRLs: the certificate issuers named by certificateIssuer entry extensions; 0 is the CRL's issuer. */
    final List<X500Principal> certificateIssuers = new ArrayList<>(List.of(new X500Principal("")));
    private int currentIssuer;
    /** Per entry, its certificate issuer's index; null while every entry is the CRL issuer's. */
    GrowingBytes entryIssuers;
    GrowingBytes bigEntryIssuers;

    final GrowingLongs keys = new GrowingLongs();
    final GrowingLongs dates = new GrowingLongs();
    final GrowingBytes reasons = new GrowingBytes();
    GrowingLongs invalidity;

    final GrowingByteArrays bigKeys = new GrowingByteArrays();
    final GrowingLongs bigDates = new GrowingLongs();
    final GrowingBytes bigReasons = new GrowingBytes();
    GrowingLongs bigInvalidity;

    void unprocessed(String what) {
        if (!unprocessed.contains(what)) {
            unprocessed.add(what);
        }
    }

    /** From this entry on, the entries are of certificates {@code issuer} issued (RFC 5280 §5.3.3). */
    void certificateIssuer(X500Principal issuer) throws CrlFormatException {
        int i = certificateIssuers.indexOf(issuer);
        if (i < 0) {
            if (certificateIssuers.size() > Byte.MAX_VALUE) {
                throw new CrlFormatException("more than " + Byte.MAX_VALUE + " certificate issuers in one CRL");
            }
            certificateIssuers.add(issuer);
            i = certificateIssuers.size() - 1;
        }
        currentIssuer = i;
        if (entryIssuers == null) {
            entryIssuers = zeros(keys.n);
            bigEntryIssuers = zeros(bigKeys.size);
        }
    }

    private static GrowingBytes zeros(int n) {
        GrowingBytes b = new GrowingBytes();
        b.ensure(n + 16);
        b.n = n;
        return b;
    }

    /** Pre-sizes for the encoded size of revokedCertificates (an entry is at least ~20 bytes). */
    void presize(long encodedBytes) {
        int est = (int) Math.min(encodedBytes / 24 + 16, Integer.MAX_VALUE - 16);
        keys.ensure(est);
        dates.ensure(est);
        reasons.ensure(est);
    }

    void add(byte[] s, int len, long date, int reason, long inval) {
        int off = 0;
        if (s[0] >= 0) {
            while (off < len - 1 && s[off] == 0) {
                off++;
            }
            if (len - off <= 8) {
                long v = 0;
                for (int i = off; i < len; i++) {
                    v = (v << 8) | (s[i] & 0xff);
                }
                if (inval != NONE && invalidity == null) {
                    invalidity = new GrowingLongs();
                    invalidity.ensure(keys.a.length);
                    Arrays.fill(invalidity.a, 0, keys.n, NONE);
                    invalidity.n = keys.n;
                }
                keys.add(v);
                if (entryIssuers != null) {
                    entryIssuers.add((byte) currentIssuer);
                }
                dates.add(date);
                reasons.add((byte) reason);
                if (invalidity != null) {
                    invalidity.add(inval);
                }
                return;
            }
            // keep one leading 00 if the magnitude's top bit is set
            if (off > 0 && s[off] < 0) {
                off--;
            }
        } else {
            while (off < len - 1 && s[off] == (byte) 0xFF && s[off + 1] < 0) {
                off++;
            }
        }
        if (inval != NONE && bigInvalidity == null) {
            bigInvalidity = new GrowingLongs();
            bigInvalidity.ensure(bigKeys.size + 16);
            Arrays.fill(bigInvalidity.a, 0, bigKeys.size, NONE);
            bigInvalidity.n = bigKeys.size;
        }
        bigKeys.add(Arrays.copyOfRange(s, off, len));
        if (bigEntryIssuers != null) {
            bigEntryIssuers.add((byte) currentIssuer);
        }
        bigDates.add(date);
        bigReasons.add((byte) reason);
        if (bigInvalidity != null) {
            bigInvalidity.add(inval);
        }
    }
}
