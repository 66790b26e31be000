package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CrlPublisherTest.crl;
import static jp.mynacard.jlis.crl.CrlWriterTest.crlNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.jlis.registry.RevokedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlScheduleTest {
    private static final CertificateUsage USAGE = CertificateUsage.USER_AUTHENTICATION;
    /** Only the bound of a wait for an event (a delta every 100 ms): generous for a loaded machine. */
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    @TempDir
    Path directory;

    @Test
    void publishesAFullCrlAtOnceThenDeltasAndOutlivesAFailure() throws Exception {
        int[] failuresLeft = {0};
        InMemoryRevocationRegistry registry = new InMemoryRevocationRegistry() {
            @Override
            public synchronized void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
                if (failuresLeft[0] > 0) {
                    failuresLeft[0]--;
                    throw new IllegalStateException("database briefly gone");
                }
                super.forEachRevoked(usage, after, upTo, entries);
            }
        };
        CertificateAuthority ca = CertificateAuthority.create(USAGE.caName(), Clock.systemUTC());
        CrlPublisher publisher = new CrlPublisher(registry,
                usage -> ca, directory,
                CrlPublisherTest.BASE_URL, new CrlIntervals(Duration.ofHours(1), Duration.ofMillis(100)), Clock.systemUTC());

        // the test's own executor: it can see what close() leaves scheduled, with no pause to wait out
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        try {
            try (CrlSchedule schedule = CrlSchedule.start(publisher, executor)) {
                Path full = publisher.fullCrl(USAGE);
                awaitFile(full);
                BigInteger fullNumber = crlNumber(crl(full), "2.5.29.20");
                BigInteger firstDelta = awaitDeltaAbove(publisher, fullNumber);
                synchronized (registry) {
                    failuresLeft[0] = 1;
                }
                // events, not times: the next run meets the failure, and a delta published after that follows
                awaitFailureMet(registry, failuresLeft);
                BigInteger atFailure = crlNumber(crl(publisher.deltaCrl(USAGE)), "2.5.29.20");
                BigInteger laterDelta = awaitDeltaAbove(publisher, atFailure);
                assertTrue(laterDelta.compareTo(firstDelta) > 0);
                assertEquals(fullNumber, crlNumber(crl(full), "2.5.29.20"), "no second full CRL within the hour");
                assertEquals(fullNumber, crlNumber(crl(publisher.deltaCrl(USAGE)), "2.5.29.27"));
            }
            // a run under way at close ends before this (one thread); one close failed to cancel would be queued again
            executor.submit(() -> { }).get(AWAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(executor.getQueue().stream().allMatch(task -> ((Future<?>) task).isCancelled()),
                    "stopped on close: nothing left to run, but " + executor.getQueue());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void awaitFailureMet(Object registry, int[] failuresLeft) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            synchronized (registry) {
                if (failuresLeft[0] == 0) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no run met the failure within " + AWAIT);
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private static BigInteger awaitDeltaAbove(CrlPublisher publisher, BigInteger number) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Path delta = publisher.deltaCrl(USAGE);
            if (Files.exists(delta)) {
                BigInteger current = crlNumber(crl(delta), "2.5.29.20");
                if (current.compareTo(number) > 0) {
                    return current;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new AssertionError("no delta CRL numbered above " + number + " within " + AWAIT);
    }
}
