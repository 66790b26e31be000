package jp.mynacard.host.kiosk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.mynacard.host.kiosk.ChallengeBook.Redemption;
import jp.mynacard.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ChallengeBookTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void aChallengeIsRedeemedOnceThenReportedAsReplayed() {
        ChallengeBook book = new ChallengeBook("千代田区 コンビニ交付", clock, Duration.ofMinutes(2), 10);
        Challenge challenge = book.issue();
        ChallengeBook.Outcome first = book.redeem(challenge.id());
        assertEquals(Redemption.REDEEMED, first.redemption());
        assertArrayEquals(challenge.signedBytes(), first.challenge().orElseThrow().signedBytes());
        assertEquals(Redemption.REPLAYED, book.redeem(challenge.id()).redemption());
        assertEquals(Redemption.UNKNOWN, book.redeem("never-issued").redemption());
    }

    @Test
    void challengesAreFreshAndExpireAfterTheirLifetime() {
        ChallengeBook book = new ChallengeBook("svc", clock, Duration.ofMinutes(2), 10);
        Challenge a = book.issue();
        Challenge b = book.issue();
        assertNotEquals(a.id(), b.id());
        assertNotEquals(java.util.HexFormat.of().formatHex(a.nonce()), java.util.HexFormat.of().formatHex(b.nonce()));
        assertEquals(clock.instant().plus(Duration.ofMinutes(2)), a.expiresAt());
        clock.advance(Duration.ofSeconds(119));
        assertEquals(Redemption.REDEEMED, book.redeem(a.id()).redemption());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Redemption.EXPIRED, book.redeem(b.id()).redemption());
        assertEquals(Redemption.UNKNOWN, book.redeem(b.id()).redemption(), "an expired challenge is forgotten");
    }

    @Test
    void memoryIsBoundedAndExpiredChallengesMakeRoom() {
        ChallengeBook book = new ChallengeBook("svc", clock, Duration.ofMinutes(2), 3);
        for (int i = 0; i < 3; i++) {
            book.issue();
        }
        assertThrows(ServiceBusyException.class, book::issue);
        clock.advance(Duration.ofMinutes(2));
        book.issue();
        assertEquals(1, book.size(), "the three expired challenges were swept");
    }

    @Test
    void concurrentResponsesToOneChallengeRedeemItExactlyOnce() throws Exception {
        ChallengeBook book = new ChallengeBook("svc", clock, Duration.ofMinutes(2), 1000);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                Challenge challenge = book.issue();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Redemption>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<Redemption> attempt = () -> {
                        start.await();
                        return book.redeem(challenge.id()).redemption();
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int redeemed = 0;
                for (Future<Redemption> result : results) {
                    Redemption r = result.get();
                    if (r == Redemption.REDEEMED) {
                        redeemed++;
                    } else {
                        assertEquals(Redemption.REPLAYED, r);
                    }
                }
                assertEquals(1, redeemed, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLifetimeAndCapacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ChallengeBook("svc", clock, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChallengeBook("svc", clock, Duration.ofMinutes(1), 0));
    }
}
