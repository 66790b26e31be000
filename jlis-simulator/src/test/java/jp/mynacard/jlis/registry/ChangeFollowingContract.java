package jp.mynacard.jlis.registry;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import org.junit.jupiter.api.Test;

/**
 * Two registries on one database, as two centre processes on one PostgreSQL have them: what one
 * writes, the other finds once it has caught up with the change feed, exactly as the writer
 * does, and the feed shows every change of concurrent writers, in order, without a gap.
 * {@link RevocationRegistryContract} runs these on each database (SQLite's file can be opened
 * twice too, though a centre on SQLite never shares it).
 */
interface ChangeFollowingContract {
    Instant CHANGED_AT = Instant.parse("2026-04-01T00:00:00Z");
    Instant VALID_UNTIL = Instant.parse("2031-03-31T14:59:59Z");

    /** The registry of the test, which writes. */
    JdbcRevocationRegistry registry();

    /** Another registry on the same store, as another process opens it. */
    JdbcRevocationRegistry anotherRegistry();

    /** A connection straight to the store, to read the change feed as a follower does. */
    Connection directConnection() throws SQLException;

    private static BigInteger serial(long value) {
        return BigInteger.valueOf(value);
    }

    private static byte[] der(long serial) {
        return ("followed-certificate-" + serial).getBytes(StandardCharsets.US_ASCII);
    }

    private static CertificateRecord found(JdbcRevocationRegistry registry, CertificateUsage usage, long serial) {
        return registry.find(usage, serial(serial)).orElseThrow();
    }

    @Test
    default void aRevocationWrittenThroughOneRegistryIsFoundThroughTheOtherAfterItsFollowStep() {
        JdbcRevocationRegistry writer = registry();
        JdbcRevocationRegistry follower = anotherRegistry();
        writer.recordIssued(SIGNATURE, serial(1), VALID_UNTIL, der(1));
        // asked while good: the follower now holds it in its good-record cache
        assertEquals(CertificateState.GOOD, found(follower, SIGNATURE, 1).state());
        CertificateRecord revoked = writer.revoke(SIGNATURE, serial(1), RevocationReason.KEY_COMPROMISE, CHANGED_AT, null);

        assertEquals(2, follower.catchUp(), "the issuance and the revocation");

        assertEquals(revoked, found(follower, SIGNATURE, 1), "exactly what the writer answers, sequence included");
        assertEquals(writer.currentSequence(), follower.currentSequence());
        assertEquals(0, follower.catchUp(), "nothing new");
    }

    @Test
    default void aCardRevokedThroughOneRegistryTakesItsPhonesWithItInTheOther() {
        JdbcRevocationRegistry writer = registry();
        JdbcRevocationRegistry follower = anotherRegistry();
        writer.recordIssued(SIGNATURE, serial(0x100), VALID_UNTIL, der(0x100));
        writer.recordSmartphoneIssued(serial(0x100), SmartphonePlatform.ANDROID,
                new NewCertificate(serial(0x201), VALID_UNTIL, der(0x201)),
                new NewCertificate(serial(0x202), VALID_UNTIL, der(0x202)), CHANGED_AT);
        follower.catchUp();
        assertEquals(CertificateState.GOOD, found(follower, USER_AUTHENTICATION, 0x201).state());

        writer.revoke(SIGNATURE, serial(0x100), RevocationReason.AFFILIATION_CHANGED, CHANGED_AT, null);
        follower.catchUp();

        assertEquals(found(writer, SIGNATURE, 0x100), found(follower, SIGNATURE, 0x100));
        assertEquals(RevocationRegistry.PHONE_REVOKED_WITH_CARD, found(follower, USER_AUTHENTICATION, 0x201).reason());
        assertEquals(found(writer, SIGNATURE, 0x202), found(follower, SIGNATURE, 0x202));
    }

    @Test
    default void aRegistryDoesNotReadItsOwnChangesBackNorThoseMadeBeforeItOpened() {
        registry().recordIssued(SIGNATURE, serial(1), VALID_UNTIL, der(1));
        registry().suspend(SIGNATURE, serial(1), CHANGED_AT);
        JdbcRevocationRegistry later = anotherRegistry();

        assertEquals(0, registry().catchUp(), "its own changes are in its view already");
        assertEquals(0, later.catchUp(), "loaded when it opened");
        assertEquals(CertificateState.SUSPENDED, found(later, SIGNATURE, 1).state());
        assertEquals(registry().currentSequence(), later.currentSequence());
    }

    /**
     * The follower changes a certificate itself before it has caught up with an earlier change of
     * the other registry: the earlier change, applied after, must not hide its own later one.
     */
    @Test
    default void anEarlierChangeFollowedAfterALaterOwnOneDoesNotHideIt() {
        JdbcRevocationRegistry other = anotherRegistry();
        registry().recordIssued(SIGNATURE, serial(1), VALID_UNTIL, der(1));
        registry().suspend(SIGNATURE, serial(1), CHANGED_AT);
        CertificateRecord revoked = other.revoke(SIGNATURE, serial(1), RevocationReason.KEY_COMPROMISE, CHANGED_AT, null);

        // the issuance and the suspension, both older than its revocation, and the revocation read back with them
        assertEquals(3, other.catchUp());

        assertEquals(revoked, found(other, SIGNATURE, 1));
        registry().catchUp();
        assertEquals(revoked, found(registry(), SIGNATURE, 1));
    }

    /**
     * The claim the feed rests on ({@link ChangeFeed}): two registries write at once while the feed
     * is read over and over; every read goes on at the sequence after the last one seen, and in the
     * end the feed showed each change exactly as its writer recorded it.
     */
    @Test
    default void theFeedShowsEveryChangeOfConcurrentWritersInOrderWithoutAGap() throws Exception {
        int perWriter = 60;
        JdbcRevocationRegistry first = registry();
        JdbcRevocationRegistry second = anotherRegistry();
        JdbcRevocationRegistry follower = anotherRegistry();
        Map<Long, CertificateRecord> written = new ConcurrentHashMap<>();
        Map<Long, CertificateRecord> fed = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Connection reader = directConnection()) {
            List<Future<?>> writers = new ArrayList<>();
            for (JdbcRevocationRegistry registry : List.of(first, second)) {
                long base = registry == first ? 1_000 : 2_000;
                writers.add(pool.submit(() -> {
                    for (long i = base; i < base + perWriter; i++) {
                        CertificateRecord issued = registry.recordIssued(SIGNATURE, serial(i), VALID_UNTIL, der(i));
                        written.put(issued.sequence(), issued);
                        if (i % 3 == 0) {
                            CertificateRecord revoked = registry.revoke(SIGNATURE, serial(i), RevocationReason.SUPERSEDED,
                                    CHANGED_AT, null);
                            written.put(revoked.sequence(), revoked);
                        }
                    }
                    return null;
                }));
            }
            Future<Long> reading = pool.submit(() -> {
                long last = 0;
                long reads = 0;
                do {
                    long[] expected = {last + 1};
                    last = ChangeFeed.read(reader, last, record -> {
                        assertEquals(expected[0]++, record.sequence(), "the feed skipped or repeated a sequence");
                        fed.put(record.sequence(), record);
                    });
                    reads++;
                } while (writing.get() || last < written.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
                return reads;
            });
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            long reads = reading.get(120, TimeUnit.SECONDS);
            assertTrue(reads > 1, "the feed was read while the writers wrote");
        } finally {
            pool.shutdownNow();
        }

        assertEquals(written, fed);
        follower.catchUp();
        assertEquals(written.size(), follower.currentSequence());
        for (CertificateRecord record : written.values()) {
            CertificateRecord latest = found(first, SIGNATURE, record.serial().longValue());
            assertEquals(latest, found(follower, SIGNATURE, record.serial().longValue()));
        }
    }
}
