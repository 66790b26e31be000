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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.registry.RevocationRegistry;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Publishes the centre's CRLs as files in one directory, which something else serves at the
 * publication points' {@code crl/}. For each CA: each partition's complete holder CRL
 * ({@code sign.crl}, or {@code sign-p0.crl} … with several partitions) pointing to its delta
 * ({@code sign-delta.crl}, {@code sign-p0-delta.crl}), which lists what changed since that
 * complete CRL; and the infrastructure CRL {@code sign-ca.crl}, signed by the CA key itself.
 * With an indirect CRL issuer, also {@code jpki-indirect.crl}, a complete CRL of both CAs
 * published at every run (it has no delta). Every CRL takes its number from the registry's one
 * series per CA (the indirect CRL from the signature CA's), and its signer is asked at each
 * publication, so a new CA key signs from the next publication on.
 *
 * <p>Processes sharing the registry and the directory publish one at a time ({@link CrlPublicationLock}),
 * each first catching up with the registry's change feed, so that a CRL lists every revocation
 * committed, through whichever process, before its publication started.
 */
public final class CrlPublisher {
    static final String STATE_FILE = "crl-state.properties";

    private final RevocationRegistry registry;
    private final CrlSigners signers;
    private final IndirectCrlIssuer indirect;
    private final PublicationPoints points;
    private final Path directory;
    private final CrlIntervals intervals;
    private final Clock clock;
    private final CrlBaseStore bases;
    private final CrlPublicationLock lock;

    /**
     * One unpartitioned CRL per CA signed by the current CA key.
     *
     * @param baseUrl where {@code directory} is served: the centre's base URL and {@code crl/},
     *                e.g. {@code http://127.0.0.1:8080/crl/}
     */
    public CrlPublisher(RevocationRegistry registry, Function<CertificateUsage, CertificateAuthority> currentAuthority,
                        Path directory, URI baseUrl, CrlIntervals intervals, Clock clock) {
        this(registry, CrlSigners.caKey(currentAuthority, centre(baseUrl)), null, centre(baseUrl), directory,
                intervals, clock);
    }

    /** @param indirect the indirect CRL's issuer, or null for none; {@code points} names it when given */
    public CrlPublisher(RevocationRegistry registry, CrlSigners signers, IndirectCrlIssuer indirect,
                        PublicationPoints points, Path directory, CrlIntervals intervals, Clock clock) {
        this(registry, signers, indirect, points, directory, intervals, clock, CrlPublicationLock.soleProcess());
    }

    /** @param lock shared with the other processes publishing into {@code directory} from the same registry */
    public CrlPublisher(RevocationRegistry registry, CrlSigners signers, IndirectCrlIssuer indirect,
                        PublicationPoints points, Path directory, CrlIntervals intervals, Clock clock,
                        CrlPublicationLock lock) {
        if ((indirect == null) != (points.indirectCrlIssuer() == null)) {
            throw new IllegalArgumentException("the publication points and the publisher disagree on the indirect CRL");
        }
        this.registry = registry;
        this.signers = signers;
        this.indirect = indirect;
        this.points = points;
        this.directory = directory;
        this.intervals = intervals;
        this.clock = clock;
        this.lock = lock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CRL directory " + directory, e);
        }
        this.bases = new CrlBaseStore(directory.resolve(STATE_FILE));
    }

    private static PublicationPoints centre(URI baseUrl) {
        if (!baseUrl.toString().endsWith("/crl/")) {
            throw new IllegalArgumentException("the CRL base URL must end in '/crl/': " + baseUrl);
        }
        return new PublicationPoints(baseUrl.resolve(".."));
    }

    /** New complete CRLs and, extending them, new delta CRLs for every CA and partition; the infrastructure and indirect CRLs. */
    public synchronized void publishNow() throws IOException {
        lock.exclusively(() -> {
            upToDate();
            publishAllFull();
        });
    }

    private void publishAllFull() throws IOException {
        for (CertificateUsage usage : CertificateUsage.values()) {
            for (int partition = 0; partition < points.crlPartitions(); partition++) {
                publishFull(usage, partition);
            }
            publishInfrastructure(usage);
        }
        publishIndirect();
    }

    /** New delta CRLs; a partition without a complete CRL yet gets one first; the indirect CRL anew. */
    public synchronized void publishDeltas() throws IOException {
        lock.exclusively(() -> {
            upToDate();
            publishAllDeltas();
        });
    }

    /** What the other processes did before this publication: the registry's changes, the base CRLs they published. */
    private void upToDate() {
        registry.catchUp();
        bases.reload();
    }

    private void publishAllDeltas() throws IOException {
        for (CertificateUsage usage : CertificateUsage.values()) {
            for (int partition = 0; partition < points.crlPartitions(); partition++) {
                Optional<CrlBase> base = bases.base(baseKey(usage, partition));
                if (base.isPresent()) {
                    publishDelta(usage, partition, base.get());
                } else {
                    publishFull(usage, partition);
                }
            }
            if (!Files.exists(infrastructureCrl(usage))) {
                publishInfrastructure(usage);
            }
        }
        publishIndirect();
    }

    /** How long until the oldest complete CRL is due again: zero if one is due or none was ever published. */
    public synchronized Duration untilNextFull() {
        bases.reload();
        Instant now = clock.instant();
        Duration soonest = intervals.full();
        for (String key : baseKeys()) {
            Optional<CrlBase> base = bases.base(key);
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

    /** Whether this process leads the scheduled publication (taking the lead if it is free); always, alone on the registry. */
    public boolean leads() {
        return lock.lead();
    }

    /** Whether other processes publish from the same registry, so that one not leading now may lead later. */
    public boolean sharesPublication() {
        return lock.shared();
    }

    /** The complete CRL of partition 0: the only one when unpartitioned. */
    public Path fullCrl(CertificateUsage usage) {
        return fullCrl(usage, 0);
    }

    public Path deltaCrl(CertificateUsage usage) {
        return deltaCrl(usage, 0);
    }

    public Path fullCrl(CertificateUsage usage, int partition) {
        return directory.resolve(points.crlFileName(usage, partition));
    }

    public Path deltaCrl(CertificateUsage usage, int partition) {
        return directory.resolve(points.deltaCrlFileName(usage, partition));
    }

    public Path infrastructureCrl(CertificateUsage usage) {
        return directory.resolve(fileName(points.infrastructureCrl(usage)));
    }

    public Path indirectCrl() {
        return directory.resolve(PublicationPoints.INDIRECT_CRL);
    }

    private void publishFull(CertificateUsage usage, int partition) throws IOException {
        // the sequence is read before anything is listed: later changes go into the next delta
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(usage);
        Instant now = now();
        write(holderEntries(usage, partition), signers.holderCrlSigner(usage), holderScope(usage, partition),
                fullCrl(usage, partition),
                CrlSpec.full(number, now, now.plus(intervals.full()), upTo, points.deltaCrl(usage, partition)));
        // after the file is in place: a crash in between leaves deltas extending the previous full CRL, still correct
        CrlBase base = new CrlBase(upTo, number, now);
        bases.save(baseKey(usage, partition), base);
        // at once, so the delta on offer never extends an older full CRL than the one on offer
        publishDelta(usage, partition, base);
    }

    private void publishDelta(CertificateUsage usage, int partition, CrlBase base) throws IOException {
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(usage);
        Instant now = now();
        // the same scope as its complete CRL (§5.2.5), which it extends
        write(holderEntries(usage, partition), signers.holderCrlSigner(usage), holderScope(usage, partition),
                deltaCrl(usage, partition),
                CrlSpec.delta(number, now, now.plus(intervals.delta()), base.sequence(), upTo, base.number()));
    }

    /** The registry keeps no infrastructure certificates, so nothing is listed yet: an empty, signed CRL all the same. */
    private void publishInfrastructure(CertificateUsage usage) throws IOException {
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(usage);
        Instant now = now();
        write(CrlEntrySource.NONE, signers.authority(usage),
                CrlScope.infrastructure(points.infrastructureCrl(usage), points.caCertificates(usage)),
                infrastructureCrl(usage), CrlSpec.full(number, now, now.plus(intervals.full()), upTo, null));
    }

    /** Published at every run with the delta's nextUpdate, since it has no delta to carry the changes. */
    private void publishIndirect() throws IOException {
        if (indirect == null) {
            return;
        }
        Map<CertificateUsage, X500Name> issuers = new EnumMap<>(CertificateUsage.class);
        for (CertificateUsage usage : CertificateUsage.values()) {
            issuers.put(usage, signers.authority(usage).name());
        }
        long upTo = registry.currentSequence();
        BigInteger number = registry.nextCrlNumber(CertificateUsage.SIGNATURE);
        Instant now = now();
        write(new IndirectCrlEntries(registry, issuers), indirect.signer(),
                new CrlScope(points.indirectCrl(), true, true, indirect.certificateLocations()),
                indirectCrl(), CrlSpec.full(number, now, now.plus(intervals.delta()), upTo, null));
    }

    private CrlEntrySource holderEntries(CertificateUsage usage, int partition) {
        return new HolderCrlEntries(registry, usage, points.crlPartitions(), partition);
    }

    private CrlScope holderScope(CertificateUsage usage, int partition) {
        return CrlScope.holders(points.crl(usage, partition), signers.holderCrlSignerCertificate(usage));
    }

    private static void write(CrlEntrySource entries, CertificateAuthority signer, CrlScope scope, Path file,
                              CrlSpec spec) throws IOException {
        CrlWriter writer = new CrlWriter(entries, signer, scope);
        AtomicFile.replace(file, out -> writer.write(spec, out));
    }

    /** {@code sign} unpartitioned (as the state file of a centre before partitions has it), {@code sign-p3}. */
    private String baseKey(CertificateUsage usage, int partition) {
        return points.crlPartitions() == 1 ? usage.shortName() : usage.shortName() + "-p" + partition;
    }

    private List<String> baseKeys() {
        List<String> keys = new ArrayList<>();
        for (CertificateUsage usage : CertificateUsage.values()) {
            for (int partition = 0; partition < points.crlPartitions(); partition++) {
                keys.add(baseKey(usage, partition));
            }
        }
        return keys;
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
