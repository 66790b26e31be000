package jp.mynacard.jlis.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the centre at a random moment loses nothing it acknowledged: a separate JVM writes
 * to a SQLite registry and acknowledges each change on stdout after the call returned; it is
 * killed mid-stream, and the reopened registry must hold every acknowledged change.
 */
class RegistryCrashIT {
    /** Kills of the writer: 4 in CI, more in the long run (bin/faults sets mynacard.faults.rounds). */
    private static final int ROUNDS = Integer.getInteger("mynacard.faults.rounds", 4);

    @TempDir
    Path dataDir;

    /** The strongest acknowledged state of each certificate: a later, unacknowledged change may also be there. */
    private final Map<CertificateKey, CertificateState> acknowledged = new HashMap<>();
    private final Map<CertificateUsage, BigInteger> highestCrlNumber = new EnumMap<>(CertificateUsage.class);

    @Test
    void everyAcknowledgedChangeSurvivesKill9() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int acksBeforeKill = 300 + ThreadLocalRandom.current().nextInt(400);
            int acks = runAndKill(BigInteger.valueOf(round + 1).shiftLeft(32), acksBeforeKill, round);
            assertTrue(acks >= acksBeforeKill, "round " + round + ": only " + acks + " acknowledgements");
            verifyAfterRestart(round);
        }
    }

    private int runAndKill(BigInteger firstSerial, int acksBeforeKill, int round) throws Exception {
        Path stderr = dataDir.resolveSibling(dataDir.getFileName() + "-writer-" + round + ".err");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RegistryCrashWriter.class.getName(),
                dataDir.toString(), firstSerial.toString(16))
                .redirectError(stderr.toFile())
                .start();
        int acks = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while (acks < acksBeforeKill && (line = lines.readLine()) != null) {
                record(line);
                acks++;
            }
            if (acks < acksBeforeKill) {
                fail("the writer stopped after " + acks + " acknowledgements: " + Files.readString(stderr));
            }
            // somewhere inside the next transactions, not between them
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(3000));
            kill9(writer);
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer survived SIGKILL");
            // lines already in the pipe were printed after their call returned: they are acknowledgements too
            while ((line = lines.readLine()) != null) {
                record(line);
                acks++;
            }
        } finally {
            writer.destroyForcibly();
        }
        assertEquals(137, writer.exitValue(), "killed by SIGKILL, not ended by itself: " + Files.readString(stderr));
        return acks;
    }

    /** SIGKILL through kill(1): Process.destroyForcibly() would also close our end of the pipe, losing acks in it. */
    private static void kill9(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -KILL " + process.pid());
    }

    private void record(String line) {
        String[] words = line.split(" ");
        CertificateUsage usage = CertificateUsage.fromShortName(words[1]);
        switch (words[0]) {
            case "ack" -> acknowledged.merge(new CertificateKey(usage, new BigInteger(words[2], 16)),
                    CertificateState.valueOf(words[3]), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            case "crl" -> highestCrlNumber.merge(usage, new BigInteger(words[2]), BigInteger::max);
            default -> fail("unexpected line from the writer: " + line);
        }
    }

    private void verifyAfterRestart(int round) {
        try (JdbcRevocationRegistry registry = JdbcRevocationRegistry.sqlite(dataDir)) {
            Map<CertificateUsage, Set<BigInteger>> listed = new EnumMap<>(CertificateUsage.class);
            for (CertificateUsage usage : CertificateUsage.values()) {
                Set<BigInteger> serials = new HashSet<>();
                registry.forEachRevoked(usage, 0, registry.currentSequence(), entry -> serials.add(entry.serial()));
                listed.put(usage, serials);
            }
            for (Map.Entry<CertificateKey, CertificateState> ack : acknowledged.entrySet()) {
                CertificateKey key = ack.getKey();
                CertificateRecord record = registry.find(key.usage(), key.serial()).orElseThrow(() -> new AssertionError(
                        "round " + round + ": acknowledged " + key + " is missing"));
                // states only move forward (GOOD < SUSPENDED < REVOKED); an unacknowledged later change may be there
                assertTrue(record.state().compareTo(ack.getValue()) >= 0,
                        "round " + round + ": " + key + " acknowledged " + ack.getValue() + " but is " + record.state());
                if (ack.getValue() != CertificateState.GOOD) {
                    assertTrue(listed.get(key.usage()).contains(key.serial()), key + " is missing from the CRL");
                }
            }
            for (Map.Entry<CertificateUsage, BigInteger> crl : highestCrlNumber.entrySet()) {
                BigInteger next = registry.nextCrlNumber(crl.getKey());
                assertTrue(next.compareTo(crl.getValue()) > 0, "CRL number " + next + " after " + crl.getValue());
            }
            assertTrue(registry.currentSequence() >= acknowledged.size(), "sequence " + registry.currentSequence());
        }
        assertTrue(List.of(CertificateState.values()).stream().anyMatch(acknowledged::containsValue));
    }
}
