package jp.mynacard.perso.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import jp.mynacard.perso.journal.BatchJournal.Progress;
import jp.mynacard.perso.journal.BatchJournal.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchJournalTest {
    @TempDir
    Path dir;

    @Test
    void aReopenedJournalKnowsWhatWasDoneAndWhatWasLeftHalfDone() throws IOException {
        Path file = dir.resolve("batch.journal");
        try (BatchJournal journal = BatchJournal.open(file)) {
            journal.rejected("A-1", 2);
            journal.started("A-2", "C0001");
            journal.requested("A-2", List.of("k1", "k2"));
            journal.certified("A-2", List.of("1F", "20"));
            journal.verified("A-2");
            journal.issued("A-2");
            journal.started("A-3", "C0002");
            journal.requested("A-3", List.of("k3", "k4"));
            journal.certified("A-3", List.of("21", "22"));
        }
        try (BatchJournal journal = BatchJournal.open(file)) {
            assertTrue(journal.progress("A-1").done());
            assertTrue(journal.progress("A-2").done());
            assertFalse(journal.progress("A-3").done());
            assertEquals(Step.NOT_STARTED, journal.progress("A-4").step());
            List<Progress> unfinished = journal.unfinished();
            assertEquals(1, unfinished.size());
            assertEquals(new Progress("A-3", Step.CERTIFIED, "C0002", List.of("k3", "k4"), List.of("21", "22")), unfinished.get(0));

            journal.abandoned("A-3");
            journal.started("A-3", "C0003");
            assertEquals(new Progress("A-3", Step.STARTED, "C0003", List.of(), List.of()), journal.progress("A-3"));
        }
    }

    @Test
    void aVerifiedApplicationAwaitsItsCardsLockAndIsNotUnfinished() throws IOException {
        Path file = dir.resolve("batch.journal");
        try (BatchJournal journal = BatchJournal.open(file)) {
            journal.started("A-1", "C0001");
            journal.requested("A-1", List.of("k1", "k2"));
            journal.certified("A-1", List.of("1F", "20"));
            journal.verified("A-1");
            journal.started("A-2", "C0002");
            journal.requested("A-2", List.of("k3", "k4"));
            journal.certified("A-2", List.of("21", "22"));
        }
        try (BatchJournal journal = BatchJournal.open(file)) {
            Progress a1 = new Progress("A-1", Step.VERIFIED, "C0001", List.of("k1", "k2"), List.of("1F", "20"));
            assertEquals(Optional.of(a1), journal.awaitingLock("C0001"));
            assertEquals(List.of(a1), journal.awaitingLock());
            assertEquals(Optional.empty(), journal.awaitingLock("C0002"), "certified only: its content never checked");
            assertEquals(Optional.empty(), journal.awaitingLock("C9999"), "a card the journal does not know");
            assertEquals(List.of("A-2"), journal.unfinished().stream().map(Progress::applicationId).toList());
            assertFalse(journal.progress("A-1").done());

            journal.issued("A-1");
            assertEquals(Optional.empty(), journal.awaitingLock("C0001"), "issued: nothing left to lock");
        }
    }

    @Test
    void aCardTakenByALaterApplicationNoLongerHoldsTheVerifiedOnesContent() throws IOException {
        try (BatchJournal journal = BatchJournal.open(dir.resolve("batch.journal"))) {
            journal.started("A-1", "C0001");
            journal.requested("A-1", List.of("k1"));
            journal.certified("A-1", List.of("1F"));
            journal.verified("A-1");
            journal.started("A-2", "C0001");
            assertEquals(Optional.empty(), journal.awaitingLock("C0001"));
        }
    }

    @Test
    void aLineTornByACrashIsCutAndTheNextAppendStartsClean() throws IOException {
        Path file = dir.resolve("batch.journal");
        try (BatchJournal journal = BatchJournal.open(file)) {
            journal.started("A-1", "C0001");
        }
        Files.writeString(file, "{\"application\":\"A-1\",\"step\":\"requ", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (BatchJournal journal = BatchJournal.open(file)) {
            assertEquals(Step.STARTED, journal.progress("A-1").step(), "the torn step was never acknowledged");
            journal.requested("A-1", List.of("k1"));
        }
        try (BatchJournal journal = BatchJournal.open(file)) {
            assertEquals(List.of("k1"), journal.progress("A-1").publicKeyHashes());
        }
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aDamagedCompleteLineStopsTheBatchRatherThanGuessing() throws IOException {
        Path file = Files.writeString(dir.resolve("batch.journal"), "{\"application\":\"A-1\",\"step\":\"started\"}\nnot json\n");
        IOException e = assertThrows(IOException.class, () -> BatchJournal.open(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void stepsOutOfOrderAreRefused() throws IOException {
        try (BatchJournal journal = BatchJournal.open(dir.resolve("batch.journal"))) {
            assertThrows(IllegalStateException.class, () -> journal.issued("A-1"));
            journal.started("A-1", "C0001");
            assertThrows(IllegalStateException.class, () -> journal.started("A-1", "C0002"));
            journal.abandoned("A-1");
            journal.started("A-1", "C0002");
            journal.requested("A-1", List.of("k"));
            journal.certified("A-1", List.of("1"));
            assertThrows(IllegalStateException.class, () -> journal.issued("A-1"), "never locked before it is read back");
            journal.verified("A-1");
            journal.issued("A-1");
            assertThrows(IllegalStateException.class, () -> journal.started("A-1", "C0003"), "issued once only");
        }
    }

    @Test
    void theAuditLogAppendsWhoWhenWhatAndKeepsOrder() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        try (AuditLog audit = AuditLog.open(file, "operator-7", "batch-1", clock)) {
            audit.record("issue", "A-1", "C0001", List.of("1F", "20"), "issued", null);
        }
        try (AuditLog audit = AuditLog.open(file, "operator-8", "batch-1", clock)) {
            audit.record("issue", "A-2", "", List.of(), "rejected", "line 3: missing 'sex'");
            List<Map<String, String>> entries = audit.entries();
            assertEquals(2, entries.size());
            assertEquals(List.of("time", "operator", "batch", "action", "application", "card", "certificates", "outcome"),
                    List.copyOf(entries.get(0).keySet()));
            assertEquals("operator-7", entries.get(0).get("operator"));
            assertEquals("1F 20", entries.get(0).get("certificates"));
            assertEquals("line 3: missing 'sex'", entries.get(1).get("reason"));
        }
        assertEquals("{\"time\":\"2026-11-23T10:00:00Z\",\"operator\":\"operator-7\",\"batch\":\"batch-1\",\"action\":\"issue\","
                + "\"application\":\"A-1\",\"card\":\"C0001\",\"certificates\":\"1F 20\",\"outcome\":\"issued\"}",
                Files.readAllLines(file).get(0));
    }
}
