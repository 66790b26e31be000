package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationRegistry;

/**
 * Publishes each CA's full and delta CRLs as files ({@code sign.crl}, {@code sign-delta.crl},
 * {@code auth.crl}, {@code auth-delta.crl}) in one directory, which something else serves at
 * {@code baseUrl}. A full CRL points to its delta; a delta lists what changed since the full CRL
 * it names. Full and delta take their numbers from the registry's one series per CA.
 */
public final class CrlPublisher {
    static final String STATE_FILE = "crl-state.properties";

    private final RevocationRegistry registry;
    private final Function<CertificateUsage, CertificateAuthority> currentAuthority;
    private final Path directory;
    private final URI baseUrl;
    private final CrlIntervals intervals;
    private final Clock clock;
    private final CrlBaseStore bases;

    /**
     * @param currentAuthority each CA's current generation, asked at every publication: after a
     *        rollover the next CRL is signed by the new key
     * @param baseUrl where {@code directory} is served, ending in '/', e.g. {@code http://127.0.0.1:8080/crl/}
     */
    public CrlPublisher(RevocationRegistry registry, Function<CertificateUsage, CertificateAuthority> currentAuthority,
            Path directory, URI baseUrl, CrlIntervals intervals, Clock clock) {
        if (!baseUrl.toString().endsWith("/")) {
            throw new IllegalArgumentException("the CRL base URL must end in '/': " + baseUrl);
        }
        this.registry = registry;
        this.currentAuthority = currentAuthority;
        this.directory = directory;
        this.baseUrl = baseUrl;
        this.intervals = intervals;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CRL directory " + directory, e);
        }
        this.bases = new CrlBaseStore(directory.resolve(STATE_FILE));
    }

    /** A new full CRL and, extending it, a new delta CRL for every CA. */
    public synchronized void publishNow() throws IOException {
        for (CertificateUsage usage : CertificateUsage.values()) {
            publishFull(usage);
        }
    }

    /** A new delta CRL for every CA; a CA without a full CRL yet gets one first. */
    public synchronized void publishDeltas() throws IOException {
        for (CertificateUsage usage : CertificateUsage.values()) {
            Optional<CrlBase> base = bases.base(usage);
            if (base.isPresent()) {
                publishDelta(usage, base.get());
            } else {
                publishFull(usage);
            }
        }
    }

    /** How long until the oldest full CRL is due again: zero if one is due or none was ever published. */
    public synchronized Duration untilNextFull() {
        Instant now = clock.instant();
        Duration soonest = intervals.full();
        for (CertificateUsage usage : CertificateUsage.values()) {
            Optional<CrlBase> base = bases.base(usage);
            if (base.isEmpty()) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, base.get().publishedAt().plus(intervals.full()));
            if (left.compareTo(soonest) < 0) {
                soonest = left.isNegative() ? Duration.ZERO : left;
            }
        }
        return soonest;
    }

    public CrlIntervals intervals() {
        return intervals;
    }

    public Path fullCrl(CertificateUsage usage) {
        return directory.resolve(fullName(usage));
    }

    public Path deltaCrl(CertificateUsage usage) {
        return directory.resolve(deltaName(usage));
    }

    private void publishFull(CertificateUsage usage) throws IOException {
        // the sequence is read before anything is listed: later changes go into the next delta
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(usage);
        Instant now = now();
        write(usage, fullCrl(usage), CrlSpec.full(number, now, now.plus(intervals.full()), upTo,
                baseUrl.resolve(deltaName(usage))));
        // after the file is in place: a crash in between leaves deltas extending the previous full CRL, still correct
        CrlBase base = new CrlBase(upTo, number, now);
        bases.save(usage, base);
        // at once, so the delta on offer never extends an older full CRL than the one on offer
        publishDelta(usage, base);
    }

    private void publishDelta(CertificateUsage usage, CrlBase base) throws IOException {
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(usage);
        Instant now = now();
        write(usage, deltaCrl(usage), CrlSpec.delta(number, now, now.plus(intervals.delta()), base.sequence(), upTo,
                base.number()));
    }

    private void write(CertificateUsage usage, Path file, CrlSpec spec) throws IOException {
        CrlWriter writer = new CrlWriter(registry, usage, currentAuthority.apply(usage));
        AtomicFile.replace(file, out -> writer.write(spec, out));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String fullName(CertificateUsage usage) {
        return usage.shortName() + ".crl";
    }

    private static String deltaName(CertificateUsage usage) {
        return usage.shortName() + "-delta.crl";
    }
}
