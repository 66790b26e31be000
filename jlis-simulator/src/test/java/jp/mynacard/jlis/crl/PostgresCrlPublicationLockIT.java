package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CrlPublisherTest.crl;
import static jp.mynacard.jlis.crl.CrlWriterTest.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.it.PostgresSchema;
import jp.mynacard.jlis.registry.JdbcRevocationRegistry;
import jp.mynacard.jlis.registry.RevocationReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRL publication lock of processes sharing a PostgreSQL registry, each lock standing for one
 * process: one leads, another takes the lead when the leader's session ends, registries in other
 * schemas do not contend, two publications never overlap, and a publisher catches up with the
 * changes another process committed before it publishes.
 */
class PostgresCrlPublicationLockIT {
    /** Only the bound of a wait for an event: generous for a loaded machine. */
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private PostgresSchema schema;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void schema() {
        schema = PostgresSchema.create("crl_lock_it");
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        schema.close();
    }

    private PostgresCrlPublicationLock process(PostgresSchema in) {
        PostgresCrlPublicationLock lock = new PostgresCrlPublicationLock(in.url(), in.user(), in.password());
        opened.add(lock);
        return lock;
    }

    @Test
    void oneLeadsUntilItsSessionEndsThenAnotherTakesTheLead() throws Exception {
        PostgresCrlPublicationLock first = process(schema);
        PostgresCrlPublicationLock second = process(schema);

        assertTrue(first.lead());
        assertFalse(second.lead());
        assertTrue(first.lead(), "the leader keeps the lead");

        // as when the leader's process is killed: PostgreSQL ends its session, and the lock with it
        assertEquals(1, terminateLeaderSession());
        assertTrue(second.lead());
        assertFalse(first.lead(), "the old leader, reconnected, finds the lead taken");

        second.close();
        assertTrue(first.lead(), "a leader that stops frees the lead at once");
    }

    @Test
    void registriesInOtherSchemasEachHaveTheirOwnLeader() {
        try (PostgresSchema other = PostgresSchema.create("crl_lock_it_other")) {
            PostgresCrlPublicationLock here = process(schema);
            PostgresCrlPublicationLock there = new PostgresCrlPublicationLock(other.url(), other.user(), other.password());
            try {
                assertTrue(here.lead());
                assertTrue(there.lead());
            } finally {
                there.close();
            }
        }
    }

    @Test
    void aPublicationWaitsForAnotherProcesssPublicationUnderWay() throws Exception {
        PostgresCrlPublicationLock first = process(schema);
        PostgresCrlPublicationLock second = process(schema);
        CountDownLatch firstPublishing = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        CompletableFuture<Void> firstPublication = CompletableFuture.runAsync(() -> exclusively(first, () -> {
            firstPublishing.countDown();
            await(firstMayEnd);
        }));
        assertTrue(firstPublishing.await(AWAIT.toSeconds(), TimeUnit.SECONDS));

        CompletableFuture<Void> secondPublication = CompletableFuture.runAsync(() -> exclusively(second,
                () -> secondRan.set(true)));
        // the event: the second process's session waits in PostgreSQL for the publication lock
        awaitWaitingForPublicationLock();
        assertFalse(secondRan.get(), "published while the other process's publication was under way");

        firstMayEnd.countDown();
        firstPublication.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        secondPublication.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(secondRan.get());
    }

    @Test
    void aPublisherListsWhatAnotherProcessRevokedBeforeThePublicationStarted() throws Exception {
        JdbcRevocationRegistry writer = JdbcRevocationRegistry.open(schema.url(), schema.user(), schema.password());
        opened.add(writer);
        JdbcRevocationRegistry publishing = JdbcRevocationRegistry.open(schema.url(), schema.user(), schema.password());
        opened.add(publishing);
        BigInteger serial = BigInteger.valueOf(0x5eed);
        writer.recordIssued(CertificateUsage.SIGNATURE, serial, Instant.parse("2031-03-31T14:59:59Z"),
                "certificate".getBytes(StandardCharsets.US_ASCII));
        writer.revoke(CertificateUsage.SIGNATURE, serial, RevocationReason.KEY_COMPROMISE, Instant.now(), null);
        CertificateAuthority ca = CertificateAuthority.create(CertificateUsage.SIGNATURE.caName(), Clock.systemUTC());
        PublicationPoints points = new PublicationPoints(URI.create("http://centre.test/"));
        CrlPublisher publisher = new CrlPublisher(publishing, CrlSigners.caKey(usage -> ca, points), null, points,
                directory, new CrlIntervals(Duration.ofHours(24), Duration.ofMinutes(15)), Clock.systemUTC(),
                process(schema));

        // no follower runs in the publishing registry: only the publisher's own catching up brings the revocation
        publisher.publishNow();

        assertEquals(Set.of(serial), entries(crl(publisher.fullCrl(CertificateUsage.SIGNATURE))).keySet());
    }

    /** Ends the sessions holding the lead of this schema; answers how many. */
    private int terminateLeaderSession() throws SQLException {
        try (Connection connection = schema.connect();
                PreparedStatement terminate = connection.prepareStatement("SELECT count(pg_terminate_backend(l.pid)) "
                        + "FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? "
                        + "AND l.objid = (hashtext(current_schema())::bigint & 4294967295)::text::oid")) {
            terminate.setLong(1, PostgresCrlPublicationLock.LEAD);
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private void awaitWaitingForPublicationLock() throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        try (Connection connection = schema.connect();
                PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_locks l "
                        + "WHERE l.locktype = 'advisory' AND NOT l.granted AND l.classid = ?")) {
            waiting.setLong(1, PostgresCrlPublicationLock.PUBLICATION);
            while (true) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    fail("the second publication never waited for the lock within " + AWAIT);
                }
                Thread.sleep(20);
            }
        }
    }

    private static void exclusively(CrlPublicationLock lock, CrlPublicationLock.Publication publication) {
        try {
            lock.exclusively(publication);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(AWAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
