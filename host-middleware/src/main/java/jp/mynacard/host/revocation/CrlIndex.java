package jp.mynacard.host.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * A compact, sorted revocation index of one X.509 CRL, for CRLs far too large for the JDK's
 * object-per-entry {@link java.security.cert.X509CRL}.
 *
 * <p>{@link #load} streams the DER once (never holding the whole CRL), checks the issuer name,
 * feeds the exact TBSCertList bytes to a {@link Signature} initialised with the issuer's key and
 * verifies the signature at the end; only then is the index returned. Serial numbers that fit in
 * 64 unsigned bits (every conforming serial of up to 8 content bytes, or 9 with a leading 00) are
 * kept in a sorted {@code long[]}; longer or negative ones in a sorted {@code byte[][]}. Per entry
 * the index keeps the revocation date (epoch seconds), the reason code (one byte) and, only if any
 * entry carries one, the invalidity date. Lookup is a binary search.
 *
 * <p>Refused: a bad signature, an issuer name other than the issuer certificate's subject, an
 * issuer certificate whose keyUsage lacks cRLSign, malformed DER and truncation. Read and kept:
 * the issuingDistributionPoint ({@link #scope()}), the authorityKeyIdentifier and caIssuers that
 * say which certificate verifies it ({@link #header} reads them before the key is known), and the
 * certificateIssuer of each entry of an indirect CRL. A critical extension it does not know is
 * named by {@link #unprocessed()}: such a CRL cannot show a certificate good, but what it lists the
 * CA revoked.
 *
 * <p>Instances are immutable and thread safe. The DER is read by {@link CrlParser}, the entries
 * collected by {@link CrlIndexBuilder} and sorted by {@link SerialOrder}.
 */
public final class CrlIndex {

    private static final long NONE = CrlIndexBuilder.NONE;
    private static final CRLReason[] REASONS = CRLReason.values();

    private final X500Principal issuer;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final BigInteger crlNumber;
    private final BigInteger baseCrlNumber;
    private final byte[] freshestCrl;
    private final String signatureAlgorithm;
    private final CrlScope scope;
    private final byte[] authorityKeyId;
    private final List<URI> caIssuers;
    private final List<String> unprocessed;
    /** Indirect CRLs: index 0 the CRL issuer, then each certificateIssuer named. */
    private final X500Principal[] certificateIssuers;
    private final byte[] entryIssuers; // null: every entry is of the CRL issuer's certificates
    private final byte[] bigEntryIssuers;

    // serials in 64 unsigned bits, sorted (unsigned order)
    private final long[] keys;
    private final long[] dates;
    private final byte[] reasons;
    private final long[] invalidity; // null when no such entry has an invalidityDate

    // other serials: minimal two's complement encodings, sorted by numeric value
    private final byte[][] bigKeys;
    private final long[] bigDates;
    private final byte[] bigReasons;
    private final long[] bigInvalidity;

    /** The index of the entries {@code b} collected, sorted for binary search. */
    CrlIndex(CrlIndexBuilder b) {
        this.issuer = b.issuer;
        this.thisUpdate = Instant.ofEpochSecond(b.thisUpdate);
        this.nextUpdate = b.nextUpdate == NONE ? null : Instant.ofEpochSecond(b.nextUpdate);
        this.crlNumber = b.crlNumber;
        this.baseCrlNumber = b.baseCrlNumber;
        this.freshestCrl = b.freshestCrl;
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.scope = b.scope;
        this.authorityKeyId = b.authorityKeyId;
        this.caIssuers = b.caIssuers;
        this.unprocessed = List.copyOf(b.unprocessed);
        this.certificateIssuers = b.certificateIssuers.toArray(new X500Principal[0]);
        this.certificateIssuers[0] = b.issuer;

        int n = b.keys.n;
        long[] k = b.keys.trim();
        long[] d = b.dates.trim();
        byte[] r = Arrays.copyOf(b.reasons.a, n);
        long[] inv = b.invalidity == null ? null : b.invalidity.trim();
        byte[] ei = b.entryIssuers == null ? null : Arrays.copyOf(b.entryIssuers.a, n);
        int[] perm = SerialOrder.radixSortPermutation(k);
        if (perm != null) {
            k = SerialOrder.permute(k, perm);
            d = SerialOrder.permute(d, perm);
            r = SerialOrder.permute(r, perm);
            inv = inv == null ? null : SerialOrder.permute(inv, perm);
            ei = ei == null ? null : SerialOrder.permute(ei, perm);
        }
        this.entryIssuers = ei;
        this.keys = k;
        this.dates = d;
        this.reasons = r;
        this.invalidity = inv;

        int m = b.bigKeys.size;
        byte[][] bk = Arrays.copyOf(b.bigKeys.a, m);
        long[] bd = b.bigDates.trim();
        byte[] br = Arrays.copyOf(b.bigReasons.a, m);
        long[] binv = b.bigInvalidity == null ? null : b.bigInvalidity.trim();
        byte[] bei = b.bigEntryIssuers == null ? null : Arrays.copyOf(b.bigEntryIssuers.a, m);
        if (m > 1) {
            Integer[] p = new Integer[m];
            for (int i = 0; i < m; i++) {
                p[i] = i;
            }
            byte[][] src = bk;
            Arrays.sort(p, (x, y) -> SerialOrder.compareSigned(src[x], src[y]));
            int[] pp = new int[m];
            for (int i = 0; i < m; i++) {
                pp[i] = p[i];
            }
            byte[][] bk2 = new byte[m][];
            for (int i = 0; i < m; i++) {
                bk2[i] = bk[pp[i]];
            }
            bk = bk2;
            bd = SerialOrder.permute(bd, pp);
            br = SerialOrder.permute(br, pp);
            binv = binv == null ? null : SerialOrder.permute(binv, pp);
            bei = bei == null ? null : SerialOrder.permute(bei, pp);
        }
        this.bigEntryIssuers = bei;
        this.bigKeys = bk;
        this.bigDates = bd;
        this.bigReasons = br;
        this.bigInvalidity = binv;
    }

    // ------------------------------------------------------------------ loading

    /** Loads and verifies the DER CRL in {@code file}; see {@link #load(InputStream, X509Certificate)}. */
    public static CrlIndex load(Path file, X509Certificate issuerCert) throws IOException, CrlFormatException,
            CrlVerificationException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, issuerCert);
        }
    }

    /**
     * Streams one DER-encoded CRL from {@code der} (read to its end; not closed) and returns its
     * index, after checking that it is issued and signed by {@code issuerCert}.
     *
     * @throws CrlFormatException       malformed or truncated DER, trailing data, unsupported structure
     * @throws CrlVerificationException wrong issuer name or key, bad signature, unsupported algorithm
     */
    public static CrlIndex load(InputStream der, X509Certificate issuerCert) throws IOException,
            CrlFormatException, CrlVerificationException {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(issuerCert, "issuerCert");
        boolean[] ku = issuerCert.getKeyUsage();
        if (ku != null && (ku.length < 7 || !ku[6])) {
            throw new CrlVerificationException("issuer certificate " + issuerCert.getSubjectX500Principal()
                    + " is not allowed to sign CRLs (keyUsage lacks cRLSign)");
        }
        return new CrlParser(new DerInput(der, 1 << 16), issuerCert).parse();
    }

    /**
     * Reads the CRL in {@code der} without verifying it and without keeping its entries: its issuer,
     * numbers, dates, scope, authorityKeyIdentifier and caIssuers, which say which certificate's key
     * to {@link #load} it with. Nothing in it is to be believed before that.
     */
    public static CrlIndex header(InputStream der) throws IOException, CrlFormatException {
        Objects.requireNonNull(der, "der");
        try {
            return new CrlParser(new DerInput(der, 1 << 16), null).parse();
        } catch (CrlVerificationException e) {
            throw new IllegalStateException("nothing is verified in a header", e);
        }
    }

    // ------------------------------------------------------------------ lookup

    /** The entry for {@code serial}, if this CRL lists it (of the CRL issuer's certificates, for an indirect CRL). */
    public Optional<RevokedEntry> lookup(BigInteger serial) {
        return lookup(serial, issuer);
    }

    /**
     * The entry for the certificate {@code certificateIssuer} numbered {@code serial}: in a direct CRL
     * only the CRL issuer's certificates are listed; in an indirect one each entry's issuer is the
     * last certificateIssuer before it (RFC 5280 §5.3.3).
     */
    public Optional<RevokedEntry> lookup(BigInteger serial, X500Principal certificateIssuer) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(certificateIssuer, "certificateIssuer");
        if (serial.signum() >= 0 && serial.bitLength() <= 64) {
            long key = serial.longValue();
            int i = search(keys, key);
            if (i < 0) {
                return Optional.empty();
            }
            while (i > 0 && keys[i - 1] == key) {
                i--;
            }
            for (; i < keys.length && keys[i] == key; i++) {
                if (issuedBy(entryIssuers, i, certificateIssuer)) {
                    return Optional.of(entry(serial, dates[i], reasons[i], invalidity == null ? NONE : invalidity[i]));
                }
            }
            return Optional.empty();
        }
        byte[] k = serial.toByteArray();
        for (int i = 0; i < bigKeys.length; i++) { // rare: serials over 64 bits; a linear scan keeps duplicates simple
            if (SerialOrder.compareSigned(bigKeys[i], k) == 0 && issuedBy(bigEntryIssuers, i, certificateIssuer)) {
                return Optional.of(entry(serial, bigDates[i], bigReasons[i],
                        bigInvalidity == null ? NONE : bigInvalidity[i]));
            }
        }
        return Optional.empty();
    }

    private boolean issuedBy(byte[] issuers, int i, X500Principal certificateIssuer) {
        return certificateIssuers[issuers == null ? 0 : issuers[i]].equals(certificateIssuer);
    }

    /** Whether {@code serial} is listed (whatever the reason, certificateHold included). */
    public boolean contains(BigInteger serial) {
        return lookup(serial).isPresent();
    }

    private static RevokedEntry entry(BigInteger serial, long date, byte reason, long inval) {
        return new RevokedEntry(serial, Instant.ofEpochSecond(date),
                reason < 0 ? Optional.empty() : Optional.of(REASONS[reason]),
                inval == NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(inval)));
    }

    private static int search(long[] a, long key) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(a[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ accessors

    public X500Principal issuer() {
        return issuer;
    }

    public Instant thisUpdate() {
        return thisUpdate;
    }

    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(nextUpdate);
    }

    public Optional<BigInteger> crlNumber() {
        return Optional.ofNullable(crlNumber);
    }

    /** True for a delta CRL (deltaCRLIndicator present). */
    public boolean isDelta() {
        return baseCrlNumber != null;
    }

    /** The deltaCRLIndicator's base CRL number, for a delta CRL. */
    public Optional<BigInteger> baseCrlNumber() {
        return Optional.ofNullable(baseCrlNumber);
    }

    /** The DER CRLDistPoint of the freshestCRL extension: where this complete CRL's delta CRLs are published. */
    public Optional<byte[]> freshestCrl() {
        return Optional.ofNullable(freshestCrl).map(byte[]::clone);
    }

    /** The JCA name of the signature algorithm that was verified. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** What the CRL covers (its issuingDistributionPoint); {@link CrlScope#UNRESTRICTED} without one. */
    public CrlScope scope() {
        return scope;
    }

    /** The authorityKeyIdentifier's key id: the key that signed the CRL. */
    public Optional<byte[]> authorityKeyId() {
        return Optional.ofNullable(authorityKeyId).map(byte[]::clone);
    }

    /** Where the certificate of the CRL's signer may be fetched (authorityInfoAccess caIssuers, http only). */
    public List<URI> caIssuers() {
        return caIssuers;
    }

    /** The critical extensions (of the CRL or an entry) that were not processed; empty when the CRL is wholly understood. */
    public List<String> unprocessed() {
        return unprocessed;
    }

    /** Number of entries. */
    public int size() {
        return keys.length + bigKeys.length;
    }

    /** Whether {@code now} is past nextUpdate (a CRL without nextUpdate never is). */
    public boolean isStale(Instant now) {
        return nextUpdate != null && now.isAfter(nextUpdate);
    }

    @Override
    public String toString() {
        return "CrlIndex[" + issuer + ", " + size() + " entries, thisUpdate " + thisUpdate
                + (crlNumber == null ? "" : ", number " + crlNumber)
                + (baseCrlNumber == null ? "" : ", delta of " + baseCrlNumber) + "]";
    }

}
