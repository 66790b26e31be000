package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card pulled out at every step of its personalization, through pcscd and vpcd: for a pull point
 * N, bin/vcard --blank --feeder --remove-after N takes the card out when APDU N+1 arrives (leaving it
 * unanswered) and puts it back 1.5 s later; bin/perso issues a one-holder batch, then the operator
 * runs it again. At every N: each run ends within {@link #NO_HANG} with no stack trace; after the
 * rerun the holder is issued exactly once, on a card the feeder found with every AP locked; no card
 * left the feeder fully locked but not reported issued; the aborted attempt's certificates are
 * revoked and the issued card's are good; the signed audit log verifies. A pull after the read-back
 * ({@link #VERIFIED_AFTER}: during the LOCKs, the card partly locked or not at all) aborts nothing: the
 * card it was verified on is LOCKed for the holder with the certificates it holds, none revoked; on
 * even points in the same run once the card is back, on odd points by the rerun (the first run stops
 * waiting for it).
 *
 * <p>CI runs a sample of pull points ({@link #SAMPLE} and one seeded-random point, the seed printed;
 * {@code -Dmynacard.faults.seed=S} replays it); {@code -Dmynacard.faults.points=N,M}
 * runs those; {@code -Dmynacard.faults.all=true} runs every N from
 * 0 until a run completes with the pull never reached, and checks that count against {@link #STEPS}.
 */
class PersoPullAtEveryStepIT {
    /**
     * APDUs of one card, feeder probe to read-back (a trace of a run without a pull): the probe 7;
     * per AP its channel (select, serial, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, status) and
     * writes: JPKI from APDU 8 (GENERATE KEY PAIR 13 and 14, certificates 15-36, PINs 37-38), input
     * helper from 39, card surface from 56 (its key 61, card face 62-96, PINs 97-99); the read-back
     * 100-110; then per AP a channel and LOCK: JPKI's LOCK APDU 115, the input helper's 120, the surface's 125.
     */
    static final int STEPS = 125;
    /**
     * Pulled with APDU N+1 unanswered: during the feeder's probe (before any channel opens); at the
     * first GENERATE KEY PAIR; during the read-back (before the fix, a locked card whose holder was
     * reported failed); between the LOCKs (the JPKI locked, the others not: finished by the rerun).
     * The certificates being written are PersoPulledCardIT's pull point; the random point lands in
     * the card-face writes most often (they are the most APDUs).
     */
    static final List<Integer> SAMPLE = List.of(3, 12, 105, 117);
    /** Back quicker than this, pcscd can miss the card's removal and never report it present again. */
    private static final String REINSERT_MILLIS = "1500";
    /** Back after the first run (--blank-wait 1) stopped waiting for it: the rerun finishes it. */
    private static final String SLOW_REINSERT_MILLIS = "4000";
    /**
     * The read-back's last APDU: the journal says verified once it is answered, so a pull after it
     * (the LOCKs' channels and LOCKs, 111-125) leaves a card that is finished for its holder, not replaced.
     */
    static final int VERIFIED_AFTER = 110;
    /** bin/vcard's line when a card with every AP locked leaves the feeder (BlankFeeder's GET DATA status). */
    private static final String FED = "fed: card ";
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private int points;

    @Test
    void aCardPulledAtAnyStepOfPersonalizationIsNeverHalfIssuedAndItsHolderIsIssuedOnce() throws Exception {
        PcscDaemon.requireRunning();
        PersoBureau bureau = PersoBureau.in(dir);
        boolean all = Boolean.getBoolean("mynacard.faults.all");
        long started = System.nanoTime();
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            if (all) {
                int steps = -1;
                for (int n = 0; n <= 2 * STEPS && steps < 0; n++) {
                    if (!pullAt(n, bureau, centre)) {
                        steps = n;
                    }
                }
                assertEquals(STEPS, steps, "APDUs of one card's personalization (a run pulled after that many completes)");
            } else if (System.getProperty("mynacard.faults.points") != null) {
                for (String n : System.getProperty("mynacard.faults.points").split(",")) {
                    pullAt(Integer.parseInt(n.trim()), bureau, centre);
                }
            } else {
                String given = System.getProperty("mynacard.faults.seed");
                long seed = given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
                int random = new Random(seed).nextInt(STEPS + 1);
                System.out.println("pull points: " + SAMPLE + " and " + random + " (seed " + seed
                        + ", replay with -Dmynacard.faults.seed=" + seed + ")");
                TreeSet<Integer> points = new TreeSet<>(SAMPLE);
                points.add(random);
                for (int n : points) {
                    assertTrue(pullAt(n, bureau, centre) || n == STEPS, "a pull after " + n + " APDUs took effect");
                }
            }
        }
        System.out.printf("pull points done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** One pull point, first run and rerun; true when the pull took effect (the run needed more than n APDUs). */
    private boolean pullAt(int n, PersoBureau bureau, Centre centre) throws Exception {
        Path at = Files.createDirectories(dir.resolve("pull-" + n + "-" + ++points));
        Path batch = PersoBureau.writeBatch(at.resolve("holders.csv"), 1);
        Path report = at.resolve("report.csv");
        Path audit = at.resolve("report.audit.jsonl");
        List<String> issue = bureau.issueCommand(batch, centre, report);
        boolean rollForward = n >= VERIFIED_AFTER && n < STEPS;
        // odd LOCK-phase points: the first run gives up waiting for the card (back after 4 s), the rerun finishes it
        boolean byRerun = rollForward && n % 2 == 1;
        List<String> firstIssue = new ArrayList<>(issue);
        if (byRerun) {
            firstIssue.addAll(List.of("--blank-wait", "1"));
        }
        List<String> feederOutput = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        long started = System.nanoTime();
        boolean pulled;
        List<String> aborted = List.of();
        List<String> verified = List.of();
        try (VcardProcess feeder = feeder(bureau, "--remove-after", Integer.toString(n), "--reinsert-after",
                byRerun ? SLOW_REINSERT_MILLIS : REINSERT_MILLIS)) {
            PersoBureau.Run first = run(bureau, firstIssue, at.resolve("first.log"), n, "first run", feeder);
            pulled = feeder.output().stream().anyMatch(l -> l.startsWith("pulled"));
            List<String[]> rows = PersoBureau.rows(report);
            List<String> outcomes = PersoBureau.outcomes(rows);
            String outcome = outcomes.get(0);
            runs.add(outcome);
            if (!pulled) {
                assertEquals("R-0:issued", outcome, "pull after " + n + " APDUs never reached:\n" + first.output());
            }
            if (rollForward && pulled) {
                // verified before the first LOCK: the card is the holder's, finished, never replaced
                assertEquals("R-0:failed", outcome, first.output());
                try (BatchJournal journal = BatchJournal.open(at.resolve("report.journal.jsonl"))) {
                    verified = journal.progress("R-0").certificateSerials();
                    runs.add(journal.progress("R-0").step().toString());
                    if (byRerun) {
                        assertEquals(Step.VERIFIED, journal.progress("R-0").step(), first.output());
                    }
                }
                if (byRerun) {
                    assertEquals(1, first.exit(), first.output());
                    PersoBureau.Run rerun = run(bureau, issue, at.resolve("rerun.log"), n, "rerun", feeder);
                    runs.add("rerun exit " + rerun.exit());
                    assertEquals(0, rerun.exit(), rerun.output());
                } else {
                    assertEquals(0, first.exit(), first.output());
                    runs.add("finished in the same run");
                }
                List<String[]> issuedRows = PersoBureau.rows(report).stream().filter(r -> r[2].equals("issued")).toList();
                assertEquals(1, issuedRows.size(), "pull after " + n + ": " + PersoBureau.outcomes(PersoBureau.rows(report)));
                assertEquals(rows.get(0)[3], issuedRows.get(0)[3], "pull after " + n + ": issued on the card it was verified on");
                assertEquals(verified, List.of(issuedRows.get(0)[4], issuedRows.get(0)[5]),
                        "pull after " + n + ": with the certificates it was verified with");
                String auditText = Files.readString(audit);
                assertEquals(1, PersoBureau.count(auditText, "\"action\":\"lock-completed\""), auditText);
                assertFalse(auditText.contains("\"outcome\":\"revoked\""), "pull after " + n + ": nothing revoked\n" + auditText);
                feeder.awaitLine(FED, Duration.ofSeconds(5));
                feederOutput.addAll(feeder.output());
            } else if (outcome.equals("R-0:failed")) {
                assertEquals(1, first.exit(), first.output());
                try (BatchJournal journal = BatchJournal.open(at.resolve("report.journal.jsonl"))) {
                    aborted = journal.progress("R-0").certificateSerials();
                    runs.add(journal.progress("R-0").step().toString());
                }
                PersoBureau.Run rerun = run(bureau, issue, at.resolve("rerun.log"), n, "rerun", feeder);
                runs.add("rerun exit " + rerun.exit());
                assertEquals(0, rerun.exit(), rerun.output());
                feeder.awaitLine(FED, Duration.ofSeconds(5));
                feederOutput.addAll(feeder.output());
            } else {
                assertEquals("R-0:issued", outcome, first.output());
                assertEquals(0, first.exit(), first.output());
                feeder.awaitLine(FED, Duration.ofSeconds(5));
                feederOutput.addAll(feeder.output());
            }
        }
        checkIssuedOnce(n, at, report, audit, feederOutput, aborted, centre, bureau);
        System.out.printf("pull after %3d APDUs: %-40s %.1f s%n", n, pulled ? String.join(", ", runs) : "not reached, issued",
                (System.nanoTime() - started) / 1e9);
        return pulled;
    }

    /** The holder issued once, on a fully locked card; no other card out locked; the centre and the audit log agree. */
    private static void checkIssuedOnce(int n, Path at, Path report, Path audit, List<String> feederOutput, List<String> aborted,
                                        Centre centre, PersoBureau bureau) throws Exception {
        String where = "pull after " + n + " APDUs: ";
        List<String[]> issued = PersoBureau.rows(report).stream().filter(r -> r[2].equals("issued")).toList();
        assertEquals(1, issued.size(), where + PersoBureau.outcomes(PersoBureau.rows(report)));
        String[] row = issued.get(0);
        try (BatchJournal journal = BatchJournal.open(at.resolve("report.journal.jsonl"))) {
            assertEquals(Step.ISSUED, journal.progress("R-0").step(), where);
        }
        List<String> lockedOut = feederOutput.stream().filter(l -> l.startsWith(FED))
                .map(l -> l.substring(FED.length(), l.indexOf(' ', FED.length()))).toList();
        assertEquals(List.of(row[3]), lockedOut, where + "the one card out of the feeder with every AP locked is R-0's: " + feederOutput);
        assertEquals(CertificateState.GOOD, PersoBureau.status(centre, "auth", row[4]), where);
        assertEquals(CertificateState.GOOD, PersoBureau.status(centre, "sign", row[5]), where);
        for (int i = 0; i < aborted.size(); i++) {
            assertEquals(CertificateState.REVOKED, PersoBureau.status(centre, i == 0 ? "auth" : "sign", aborted.get(i)),
                    where + "the aborted attempt's certificate " + aborted.get(i));
        }
        String auditText = Files.readString(audit);
        assertEquals(1, PersoBureau.count(auditText, "\"outcome\":\"issued\""), where + auditText);
        assertFalse(auditText.contains(bureau.password()) || auditText.contains(PersoBureau.SIGN_PIN)
                || auditText.contains(PersoBureau.MY_NUMBERS.get(0)), where);
        PersoBureau.Run verified = bureau.run(bureau.auditVerifyCommand(audit), at.resolve("verify.log"), NO_HANG);
        assertEquals(0, verified.exit(), where + verified.output());
        assertTrue(verified.output().startsWith("operator-5: " + PersoBureau.count(auditText, "\n") + " lines verified, 0 problems"),
                where + verified.output());
    }

    private static VcardProcess feeder(PersoBureau bureau, String... pull) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(PcscDaemon.VPCD_PORT), "--blank", "--feeder",
                "--master-key", bureau.keystore().toString()));
        arguments.addAll(List.of(pull));
        return VcardProcess.start(Map.of("MYNACARD_MASTER_KEY_PASSWORD", bureau.password()), arguments.toArray(String[]::new));
    }

    private static PersoBureau.Run run(PersoBureau bureau, List<String> command, Path log, int n, String what, VcardProcess feeder)
            throws Exception {
        PersoBureau.Run run;
        try {
            run = bureau.run(command, log, NO_HANG);
        } catch (AssertionError e) {
            throw new AssertionError("pull after " + n + " APDUs, " + what + "; bin/vcard printed " + feeder.output() + "\n"
                    + e.getMessage(), e);
        }
        assertFalse(run.showsStackTrace(), "pull after " + n + " APDUs, " + what + ":\n" + run.output());
        return run;
    }
}
