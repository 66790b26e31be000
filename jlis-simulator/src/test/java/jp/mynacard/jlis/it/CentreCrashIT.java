package jp.mynacard.jlis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the centre in the middle of a burst of revocations: every change the centre
 * acknowledged (HTTP 200 received) is there after a restart on the same data directory.
 */
class CentreCrashIT {
    /** Kills of the centre: 3 in CI, more in the long run (bin/faults sets mynacard.faults.rounds). */
    private static final int ROUNDS = Integer.getInteger("mynacard.faults.rounds", 3);
    private static final int CERTIFICATES = 134 * ROUNDS;
    private static final int CALLERS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRevocationSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        List<String> serials = new ArrayList<>();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair(); // one key for all: the registry cares about serials
        try (CentreProcess centre = CentreProcess.start(data)) {
            CentreClient client = centre.client();
            for (int i = 0; i < CERTIFICATES; i++) {
                serials.add(client.issue(i % 2 == 0 ? "sign" : "auth", key.getPublic(),
                        Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31)).serial());
            }
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            CentreProcess centre = CentreProcess.start(data);
            int from = next;
            int to = Math.min(serials.size(), from + CERTIFICATES / ROUNDS);
            next = to;
            burstThenKill(centre, serials.subList(from, to), acknowledged);
        }
        assertTrue(acknowledged.size() > 20, "too few acknowledgements to show anything: " + acknowledged.size());

        try (CentreProcess centre = CentreProcess.start(data)) {
            CentreClient client = centre.client();
            for (Map.Entry<String, String> change : acknowledged.entrySet()) {
                assertEquals(change.getValue(), client.status(change.getKey(), null).state(),
                        "acknowledged change of " + change.getKey() + " lost by kill -9");
            }
        }
    }

    private static void burstThenKill(CentreProcess centre, List<String> serials, Map<String, String> acknowledged)
            throws Exception {
        CentreClient client = centre.client();
        AtomicInteger cursor = new AtomicInteger();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int c = 0; c < CALLERS; c++) {
            callers.submit(() -> {
                for (int i; (i = cursor.getAndIncrement()) < serials.size(); ) {
                    String serial = serials.get(i);
                    try {
                        if (i % 3 == 0) {
                            acknowledged.put(serial, client.suspend(serial, null).state());
                        } else {
                            acknowledged.put(serial, client.revoke(serial, "keyCompromise", null).state());
                        }
                    } catch (CentreException e) {
                        failed.add(serial); // the centre died under this call: no acknowledgement, no promise
                    }
                }
            });
        }
        // kill at a random moment inside the burst
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(200, 800));
        while (System.nanoTime() < until && cursor.get() < serials.size()) {
            Thread.sleep(5);
        }
        centre.kill();
        callers.shutdown();
        assertTrue(callers.awaitTermination(60, TimeUnit.SECONDS));
    }
}
