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
import java.util.concurrent.ThreadLocalRandom;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the centre in the middle of a burst of revocations: every change the centre
 * acknowledged (HTTP 200 received) is there after a restart on the same data directory, and a
 * change it died under is there whole or not at all. The kill comes after a random number of
 * acknowledgements, not after a random time, so a loaded machine changes how long a round takes,
 * not what it shows; each round asserts that a request was in flight at the kill (a revocation
 * held half-sent, see {@link RevocationBurst}) and that it changed nothing.
 */
class CentreCrashIT {
    /** Kills of the centre: 3 in CI, more in the long run (bin/faults sets mynacard.faults.rounds). */
    private static final int ROUNDS = Integer.getInteger("mynacard.faults.rounds", 3);
    private static final int CHANGES_PER_ROUND = 134;
    private static final int CALLERS = 4;
    /** The kill comes at an acknowledgement drawn from this range: never so late that nothing is left to send. */
    private static final int FIRST_KILL_POINT = 10;
    private static final int LAST_KILL_POINT = CHANGES_PER_ROUND - 8 * CALLERS;
    private static final String GOOD = "good";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRevocationSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        List<String> serials = issue(data, CHANGES_PER_ROUND * ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            int killAt = ThreadLocalRandom.current().nextInt(FIRST_KILL_POINT, LAST_KILL_POINT + 1);
            List<String> changes = serials.subList(round * CHANGES_PER_ROUND, (round + 1) * CHANGES_PER_ROUND);
            RevocationBurst burst = RevocationBurst.killAtAcknowledgement(CentreProcess.start(data), changes, killAt, CALLERS);
            System.out.printf("round %d: %s%n", round, burst);
            assertEquals(Map.of(), burst.errors(), "round " + round + ": the centre refused changes it should have made");
            assertTrue(burst.acknowledged().size() >= killAt, "killed before acknowledgement " + killAt + ": " + burst);
            assertEquals("", burst.heldAnswer(), "round " + round + ": the held revocation was answered, so no request "
                    + "was in flight at the kill: " + burst);
            afterRestart(data, round, burst);
        }
    }

    /** Certificates to change, issued by a centre on the data directory and stopped cleanly. */
    private static List<String> issue(Path data, int count) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair(); // one key for all: the registry cares about serials
        List<String> serials = new ArrayList<>();
        try (CentreProcess centre = CentreProcess.start(data)) {
            CentreClient client = centre.client();
            for (int i = 0; i < count; i++) {
                serials.add(client.issue(i % 2 == 0 ? "sign" : "auth", key.getPublic(),
                        Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31)).serial());
            }
        }
        return serials;
    }

    private static void afterRestart(Path data, int round, RevocationBurst burst) throws Exception {
        try (CentreProcess centre = CentreProcess.start(data)) {
            CentreClient client = centre.client();
            for (Map.Entry<String, String> change : burst.acknowledged().entrySet()) {
                assertEquals(change.getValue(), client.status(change.getKey(), null).state(),
                        "round " + round + ": acknowledged change of " + change.getKey() + " lost by kill -9");
            }
            for (Map.Entry<String, String> change : burst.unanswered().entrySet()) {
                String state = client.status(change.getKey(), null).state();
                assertTrue(Set.of(GOOD, change.getValue()).contains(state), "round " + round + ": " + change.getKey()
                        + ", asked " + change.getValue() + " when the centre died, is " + state);
            }
            assertEquals(GOOD, client.status(burst.heldSerial(), null).state(),
                    "round " + round + ": the revocation held half-sent at the kill changed " + burst.heldSerial());
            for (String never : burst.refused().keySet()) {
                assertEquals(GOOD, client.status(never, null).state(),
                        "round " + round + ": " + never + " changed though its request never reached the centre");
            }
        }
    }
}
