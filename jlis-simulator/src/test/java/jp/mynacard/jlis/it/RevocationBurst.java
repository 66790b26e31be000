package jp.mynacard.jlis.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;

/**
 * Callers suspending and revoking certificates through a running centre's admin API until the
 * centre is killed (SIGKILL) by the caller that receives the {@code killAt}-th acknowledgement.
 * The kill point is a count of acknowledged changes, not a time: a slow machine only makes the
 * burst slower, never shorter. Right before the kill that caller sends the next change as a
 * {@link HeldRevocation}, so one request is in flight at the kill for certain; the other callers'
 * requests may be too, or may have been answered in the meantime. Every change sent ends in one
 * book: acknowledged (HTTP 200 received: the centre promised it), unanswered (started before the
 * kill, no answer: the centre died under it, so it may or may not be there), refused (it found the
 * centre gone) or errors (any other answer, a defect of the centre).
 */
final class RevocationBurst {
    static final String SUSPENDED = "suspended";
    static final String REVOKED = "revoked";
    /** The whole burst gets this long: a caller still at work after it hangs, and the test fails. */
    private static final long CALLERS_END_SECONDS = 120;

    private final CentreProcess centre;
    private final CentreClient client;
    private final List<String> serials;
    private final int killAt;
    private final AtomicInteger cursor = new AtomicInteger();
    private final AtomicInteger acknowledgements = new AtomicInteger();
    /** Serial to the state the centre answered. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /**
     * Serial to the state asked for, started before the kill and never answered (a request that met
     * the dead centre on a kept-alive connection lands here too: either outcome is allowed for both).
     */
    private final Map<String, String> unanswered = new ConcurrentHashMap<>();
    /** Serial to the state asked for, never delivered: the centre no longer listened. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Any other answer (an HTTP error) is a defect of the centre, not a crash effect. */
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    /** Checked before each request and held while killing: once the kill is done, callers start nothing more. */
    private final Object killGate = new Object();
    private boolean killed;
    private HeldRevocation held;
    private String heldAnswer;

    private RevocationBurst(CentreProcess centre, List<String> serials, int killAt) {
        this.centre = centre;
        this.client = centre.client();
        this.serials = serials;
        this.killAt = killAt;
    }

    /**
     * Runs {@code callers} callers over {@code serials} (every third one suspended, the others
     * revoked) and kills the centre at the {@code killAt}-th acknowledgement; returns once every
     * caller has stopped. Fails if the centre was never killed (too few acknowledgements came).
     */
    static RevocationBurst killAtAcknowledgement(CentreProcess centre, List<String> serials, int killAt, int callers)
            throws Exception {
        if (killAt < 1 || killAt + callers >= serials.size()) {
            throw new IllegalArgumentException("kill at acknowledgement " + killAt + " of " + serials.size()
                    + " changes: it must leave changes still to send, or nothing is in flight at the kill");
        }
        RevocationBurst burst = new RevocationBurst(centre, serials, killAt);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                running.add(pool.submit(() -> {
                    burst.call();
                    return null;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(CALLERS_END_SECONDS, TimeUnit.SECONDS), "callers still at work: " + burst);
            for (Future<?> caller : running) {
                caller.get(); // a caller's own failure (the kill itself) is the test's
            }
        } finally {
            pool.shutdownNow();
            if (!burst.killed()) {
                centre.kill();
            }
        }
        burst.hearHeldRevocation();
        assertTrue(burst.killed(), "the centre was never killed: it acknowledged " + burst.acknowledged.size()
                + " of " + serials.size() + " changes, the kill was due at " + killAt + ": " + burst);
        return burst;
    }

    private void call() throws IOException, InterruptedException {
        for (int i; (i = cursor.getAndIncrement()) < serials.size(); ) {
            String serial = serials.get(i);
            String asked = i % 3 == 0 ? SUSPENDED : REVOKED;
            synchronized (killGate) {
                if (killed) {
                    return;
                }
            }
            try {
                String state = asked.equals(SUSPENDED)
                        ? client.suspend(serial, null).state()
                        : client.revoke(serial, "keyCompromise", null).state();
                acknowledged.put(serial, state);
                if (acknowledgements.incrementAndGet() == killAt) {
                    kill();
                }
            } catch (CentreException e) {
                if (e.status() != 0) {
                    errors.put(serial, e.status() + " " + e.getMessage());
                } else if (e.getCause() instanceof ConnectException) {
                    refused.put(serial, asked);
                } else {
                    unanswered.put(serial, asked); // the centre died under this call: no acknowledgement, no promise
                }
            }
        }
    }

    private void kill() throws IOException, InterruptedException {
        // the caller's own next change, sent while the other callers keep going
        HeldRevocation revocation = HeldRevocation.send(centre.uri(), centre.adminToken(), serials.get(cursor.getAndIncrement()));
        synchronized (killGate) {
            held = revocation;
            killed = true;
            centre.kill();
        }
    }

    private void hearHeldRevocation() throws IOException {
        synchronized (killGate) {
            if (held != null) {
                try (HeldRevocation connection = held) {
                    heldAnswer = connection.answer();
                }
            }
        }
    }

    private boolean killed() {
        synchronized (killGate) {
            return killed;
        }
    }

    /** The certificate of the revocation held half-sent at the kill. */
    String heldSerial() {
        synchronized (killGate) {
            return held.serial();
        }
    }

    /** What the centre answered to the held revocation before it died: empty, it had no chance to. */
    String heldAnswer() {
        synchronized (killGate) {
            return heldAnswer;
        }
    }

    /** Serial to the state the centre acknowledged before it died. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Serial to the state asked for by a request the centre had when it was killed and never answered. */
    Map<String, String> unanswered() {
        return Map.copyOf(unanswered);
    }

    /** Serial to the state asked for by a request that found the centre gone. */
    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    /** Serial to an HTTP error the centre answered: none is expected. */
    Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    @Override
    public String toString() {
        return "kill at acknowledgement " + killAt + ", " + acknowledged.size() + " acknowledged, " + unanswered.size()
                + " unanswered besides the held one, " + refused.size() + " refused, errors " + errors;
    }
}
