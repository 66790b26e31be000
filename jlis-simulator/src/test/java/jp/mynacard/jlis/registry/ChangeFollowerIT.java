package jp.mynacard.jlis.registry;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jp.mynacard.jlis.it.PostgresSchema;
import jp.mynacard.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follower thread of a registry on PostgreSQL, against a second registry writing to the same
 * database: woken by the writer's NOTIFY long before its period; having lost the database, saying
 * so once, giving no good answer from a view older than the staleness limit, then catching up with
 * what was committed meanwhile once it is back.
 */
class ChangeFollowerIT {
    private static final Instant AT = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2031-03-31T14:59:59Z");
    /** Only the bound of a wait for an event: generous for a loaded machine. */
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final Logger log = Logger.getLogger(ChangeFollower.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private PostgresSchema schema;
    private JdbcRevocationRegistry writer;
    private JdbcRevocationRegistry follower;

    @BeforeEach
    void schema() {
        schema = PostgresSchema.create("follower_it");
        writer = JdbcRevocationRegistry.open(schema.url(), schema.user(), schema.password());
        log.addHandler(capture);
    }

    @AfterEach
    void dropSchema() {
        log.removeHandler(capture);
        if (follower != null) {
            follower.close();
        }
        writer.close();
        schema.close();
    }

    @Test
    void aNotificationBringsAChangeLongBeforeThePeriod() throws Exception {
        follower = JdbcRevocationRegistry.open(schema.url(), schema.user(), schema.password());
        issue(1);
        // asked while good: from now on the follower answers it from its good-record cache
        assertEquals(CertificateState.GOOD, state(follower, 1));
        try (ChangeFollower following = follower.follow(Duration.ofMinutes(10))) {
            long start = System.nanoTime();
            writer.revoke(SIGNATURE, BigInteger.ONE, RevocationReason.KEY_COMPROMISE, AT, null);

            await("the follower applies the revocation", () -> state(follower, 1) == CertificateState.REVOKED);

            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("revocation seen by the follower %d ms after it committed (period 10 min)%n", millis);
            assertTrue(millis < AWAIT.toMillis());
        }
    }

    @Test
    void aFollowerThatLostTheDatabaseSaysSoOnceAndCatchesUpWhenItIsBack() throws Exception {
        try (CuttableLink link = new CuttableLink(PostgresSchema.serverAddress())) {
            follower = JdbcRevocationRegistry.open(schema.url("127.0.0.1", link.port()), schema.user(), schema.password());
            issue(2);
            assertEquals(CertificateState.GOOD, state(follower, 2));
            try (ChangeFollower following = follower.follow(PERIOD)) {
                link.cut();
                await("the follower says it lost the database", () -> count(Level.WARNING) > 0);
                writer.revoke(SIGNATURE, BigInteger.TWO, RevocationReason.KEY_COMPROMISE, AT, null);
                int refusedBefore = link.refused();
                await("five more tries to reconnect", () -> link.refused() >= refusedBefore + 5);
                assertEquals(1, count(Level.WARNING), "once, not at every try: " + messages());
                // its cached "good" is now older than the staleness limit: it asks the database, which it cannot reach
                await("no good answer from a view older than " + JdbcRevocationRegistry.stalenessLimit(PERIOD),
                        () -> refused(follower, 2));

                link.mend();

                await("the follower catches up with the revocation made meanwhile",
                        () -> state(follower, 2) == CertificateState.REVOKED);
                await("the follower says the database is back", () -> count(Level.INFO) > 0);
                assertEquals(1, count(Level.WARNING), messages().toString());
                assertTrue(messages().get(1).contains("caught up"), messages().toString());
            }
        }
    }

    private void issue(long serial) {
        writer.recordIssued(SIGNATURE, BigInteger.valueOf(serial), NOT_AFTER,
                ("certificate-" + serial).getBytes(StandardCharsets.US_ASCII));
    }

    private static CertificateState state(JdbcRevocationRegistry registry, long serial) {
        return registry.find(SIGNATURE, BigInteger.valueOf(serial)).orElseThrow().state();
    }

    /** Whether asking for the certificate fails (rather than answering from a stale view). */
    private static boolean refused(JdbcRevocationRegistry registry, long serial) {
        try {
            registry.find(SIGNATURE, BigInteger.valueOf(serial));
            return false;
        } catch (RegistryException e) {
            return true;
        }
    }

    private long count(Level level) {
        return logged.stream().filter(record -> record.getLevel() == level).count();
    }

    private List<String> messages() {
        return logged.stream().map(LogRecord::getMessage).toList();
    }

    private static void await(String what, BooleanSupplier event) throws InterruptedException {
        Eventually.await(what, AWAIT, event);
    }
}
