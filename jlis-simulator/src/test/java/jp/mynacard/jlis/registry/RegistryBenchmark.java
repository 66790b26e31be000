package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * Not a test: measures what OCSP asks of the registry, on SQLite in a temporary directory.
 * Run with {@code java -cp target/test-classes:target/classes:$(cat target/runtime-classpath.txt)
 * jp.mynacard.jlis.registry.RegistryBenchmark [certificates] [threads] [seconds]}. With
 * MYNACARD_TEST_POSTGRES_URL (_USER, _PASSWORD) set, it measures that (empty) PostgreSQL database instead.
 */
public final class RegistryBenchmark {
    private RegistryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int certificates = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("registry-benchmark");
        String postgres = System.getenv("MYNACARD_TEST_POSTGRES_URL");
        String url = postgres != null ? postgres : "jdbc:sqlite:" + dir.resolve("registry.db");
        String user = System.getenv("MYNACARD_TEST_POSTGRES_USER");
        String password = System.getenv("MYNACARD_TEST_POSTGRES_PASSWORD");
        System.out.println("registry on " + url);
        CertificateUsage usage = CertificateUsage.SIGNATURE;
        try (JdbcRevocationRegistry registry = new JdbcRevocationRegistry(url, user, password,
                JdbcRevocationRegistry.DEFAULT_GOOD_CACHE)) {
            long start = System.nanoTime();
            for (int i = 1; i <= certificates; i++) {
                registry.recordIssued(usage, BigInteger.valueOf(i), Instant.parse("2030-01-01T00:00:00Z"), new byte[1200]);
            }
            report("recordIssued (one committed transaction each)", certificates, System.nanoTime() - start);
            start = System.nanoTime();
            int revoked = certificates / 10;
            for (int i = 1; i <= revoked; i++) {
                registry.revoke(usage, BigInteger.valueOf(i * 10L), RevocationReason.KEY_COMPROMISE, Instant.now(), null);
            }
            report("revoke", revoked, System.nanoTime() - start);
            start = System.nanoTime();
            LongAdder entries = new LongAdder();
            registry.forEachRevoked(usage, 0, registry.currentSequence(), entry -> entries.increment());
            report("forEachRevoked entries (full CRL)", entries.sum(), System.nanoTime() - start);

            lookups("find, good records cached, 10% revoked", registry, certificates, threads, seconds);
        }
        // reopened without the good-record cache: every good certificate is a database point query
        try (JdbcRevocationRegistry registry = new JdbcRevocationRegistry(url, user, password, 0)) {
            lookups("find, no cache (indexed point query for good ones)", registry, certificates, threads, seconds);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void lookups(String what, RevocationRegistry registry, int certificates, int threads, int seconds)
            throws InterruptedException {
        for (int warmup = 0; warmup < 2; warmup++) {
            run(registry, certificates, threads, 1);
        }
        long count = run(registry, certificates, threads, seconds);
        report(what + ", " + threads + " threads", count, seconds * 1_000_000_000L);
    }

    private static long run(RevocationRegistry registry, int certificates, int threads, int seconds)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    BigInteger serial = BigInteger.valueOf(1 + random.nextInt(certificates));
                    if (registry.find(CertificateUsage.SIGNATURE, serial).isEmpty()) {
                        throw new IllegalStateException("lost " + serial);
                    }
                    done.increment();
                }
            });
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum();
    }

    private static void report(String what, long count, long nanos) {
        System.out.printf("%-70s %10d in %6.2f s = %,12.0f /s%n", what, count, nanos / 1e9, count / (nanos / 1e9));
    }
}
