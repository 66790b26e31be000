// Run: mvn -q -B -pl jlis-simulator -am install -DskipTests && mvn -q -B -pl jlis-simulator test-compile && java -Xmx64m -cp jlis-simulator/target/test-classes:jlis-simulator/target/classes:$(cat jlis-simulator/target/runtime-classpath.txt) jp.mynacard.jlis.crl.CrlBenchmark [entries=1000000] [streaming|bouncycastle|both]
package jp.mynacard.jlis.crl;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * Builds one CRL of a million synthetic entries with {@link CrlWriter} (streamed, two passes) and
 * then with BouncyCastle's in-memory {@code X509v2CRLBuilder}, printing time, file size and peak
 * heap of each: run with -Xmx64m to see the streamed one fit and the in-memory one not.
 */
public final class CrlBenchmark {
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;

    private CrlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        CertificateAuthority ca = CertificateAuthority.create(USAGE.caName(), Clock.systemUTC());
        SyntheticRevocationRegistry registry = new SyntheticRevocationRegistry(entries);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CrlSpec spec = CrlSpec.full(BigInteger.ONE, now, now.plus(Duration.ofHours(24)), entries,
                URI.create("http://127.0.0.1:8080/crl/sign-delta.crl"));
        System.out.printf("%,d entries, max heap %,d MiB%n", entries, Runtime.getRuntime().maxMemory() >> 20);

        Path streamed = Files.createTempFile("streamed-", ".crl");
        Path inMemory = Files.createTempFile("bouncycastle-", ".crl");
        try {
            boolean bothBuilt = true;
            if (!which.equals("bouncycastle")) {
                bothBuilt &= measure("CrlWriter (streamed)", streamed, () -> {
                    try (OutputStream out = Files.newOutputStream(streamed)) {
                        new CrlWriter(HolderCrlEntries.all(registry, USAGE), ca, CrlWriterTest.SCOPE).write(spec, out);
                    }
                });
            }
            if (!which.equals("streaming")) {
                bothBuilt &= measure("X509v2CRLBuilder (in memory)", inMemory,
                        () -> Files.write(inMemory, BouncyCastleCrl.build(registry, USAGE, ca, spec, CrlWriterTest.SCOPE).getEncoded()));
            }
            if (which.equals("both") && bothBuilt) {
                // RSA PKCS#1 v1.5 is deterministic: the same CRL must come out byte for byte
                System.out.println(Files.mismatch(streamed, inMemory) == -1 ? "the two files are identical"
                        : "THE TWO FILES DIFFER");
            }
        } finally {
            Files.deleteIfExists(streamed);
            Files.deleteIfExists(inMemory);
        }
    }

    private static boolean measure(String name, Path file, Build build) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        try {
            build.run();
        } catch (OutOfMemoryError e) {
            System.out.printf("%-30s OutOfMemoryError after %,d ms (%s)%n", name, (System.nanoTime() - start) / 1_000_000,
                    e.getMessage());
            return false;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%-30s %,7d ms  %,12d bytes  peak heap %,5d MiB%n", name, millis, Files.size(file),
                peakHeap() >> 20);
        return true;
    }

    /** The sum of each heap pool's peak since the reset: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }

    private static Iterable<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private interface Build {
        void run() throws Exception;
    }
}
