package jp.mynacard.jlis.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SigningQueueTest {
    /** Never more signatures at once than slots, however many callers; every caller gets its own answer. */
    @Test
    void noMoreSignaturesAtOnceThanSlots() throws Exception {
        SigningQueue queue = new SigningQueue(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(8);
        List<Thread> callers = new ArrayList<>();
        byte[][] answers = new byte[8][];
        for (int i = 0; i < 8; i++) {
            int caller = i;
            Thread thread = new Thread(() -> {
                allStarted.countDown();
                answers[caller] = queue.sign(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    for (long spin = 0; spin < 2_000_000; spin++) {
                        Thread.onSpinWait();
                    }
                    running.decrementAndGet();
                    return new byte[] {(byte) caller};
                });
            });
            callers.add(thread);
            thread.start();
        }
        allStarted.await();
        for (Thread thread : callers) {
            thread.join();
        }
        assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
        for (int i = 0; i < 8; i++) {
            assertEquals(i, answers[i][0]);
        }
    }

    @Test
    void aFailedSignatureGivesItsSlotBack() {
        SigningQueue queue = new SigningQueue(1);
        assertThrows(IllegalStateException.class, () -> queue.sign(() -> {
            throw new IllegalStateException("the signer failed");
        }));
        assertEquals(1, queue.sign(() -> new byte[] {1})[0]);
    }
}
