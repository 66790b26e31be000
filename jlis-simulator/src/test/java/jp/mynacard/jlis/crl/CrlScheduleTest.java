package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CrlPublisherTest.crl;
import static jp.mynacard.jlis.crl.CrlWriterTest.crlNumber;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.jlis.registry.RevokedEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlScheduleTest {
    private static final CertificateUsage USAGE = CertificateUsage.USER_AUTHENTICATION;

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

        try (CrlSchedule schedule = CrlSchedule.start(publisher)) {
            Path full = publisher.fullCrl(USAGE);
            awaitFile(full);
            BigInteger fullNumber = crlNumber(crl(full), "2.5.29.20");
            BigInteger firstDelta = awaitDeltaAbove(publisher, fullNumber);
            synchronized (registry) {
                failuresLeft[0] = 1;
            }
            BigInteger laterDelta = awaitDeltaAbove(publisher, firstDelta.add(BigInteger.ONE));
            assertTrue(laterDelta.compareTo(firstDelta) > 0);
            synchronized (registry) {
                assertEquals(0, failuresLeft[0], "the failing run happened before the later delta");
            }
            assertEquals(fullNumber, crlNumber(crl(full), "2.5.29.20"), "no second full CRL within the hour");
            assertEquals(fullNumber, crlNumber(crl(publisher.deltaCrl(USAGE)), "2.5.29.27"));
        }
        Thread.sleep(300);
        byte[] stopped = Files.readAllBytes(publisher.deltaCrl(USAGE));
        Thread.sleep(300);
        assertArrayEquals(stopped, Files.readAllBytes(publisher.deltaCrl(USAGE)), "stopped on close");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private static BigInteger awaitDeltaAbove(CrlPublisher publisher, BigInteger number) throws Exception {
        for (int i = 0; i < 100; i++) {
            Path delta = publisher.deltaCrl(USAGE);
            if (Files.exists(delta)) {
                BigInteger current = crlNumber(crl(delta), "2.5.29.20");
                if (current.compareTo(number) > 0) {
                    return current;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no delta CRL numbered above " + number);
    }
}
