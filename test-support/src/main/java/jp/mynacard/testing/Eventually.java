package jp.mynacard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for an event another process or thread brings about (a change seen, a lead taken), checking
 * every 20 ms, and fails naming it when it has not come within the time given. The time is a
 * failure bound for a busy machine, not an expected duration.
 */
public final class Eventually {
    private static final long CHECK_MILLIS = 20;

    private Eventually() {
    }

    public static void await(String what, Duration within, BooleanSupplier event) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!event.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + within);
            }
            Thread.sleep(CHECK_MILLIS);
        }
    }
}
