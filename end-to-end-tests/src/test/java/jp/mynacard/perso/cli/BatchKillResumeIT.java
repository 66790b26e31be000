package jp.mynacard.perso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.issuance.ReportedRows;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Progress;
import jp.mynacard.perso.journal.BatchJournal.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/perso issue --virtual against a running centre, killed with SIGKILL mid-batch and run again:
 * in the end the report, the journal, the audit log and the centre agree, every good holder is
 * issued exactly once, the certificates of cards left half done are revoked (BatchRecovery) and nothing else is,
 * and the bad rows are reported with their lines.
 */
class BatchKillResumeIT {
    private static final int GOOD_HOLDERS = 52;
    private static final int ISSUED_BEFORE_KILL = 8;
    private static final int MAX_RERUNS = 3;
    private static final Pattern REVOKED_ENTRY = Pattern.compile(
            "\"certificates\":\"([0-9A-Fa-f]+)\",\"outcome\":\"revoked\",\"reason\":\"(auth|sign) certificate");
    private static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    private static final Pattern ISSUED_STEP = Pattern.compile("\"step\"\\s*:\\s*\"issued\"");

    @TempDir
    Path dir;

    @Test
    void aKilledBatchResumesAndIssuesEveryGoodHolderExactlyOnce() throws Exception {
        Path batch = dir.resolve("holders.csv");
        Map<Integer, String> badLines = writeBatch(batch);
        Path report = dir.resolve("report.csv");
        Path journalFile = dir.resolve("report.journal.jsonl");
        Path auditFile = dir.resolve("report.audit.jsonl");
        Path centreData = dir.resolve("centre");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(centreData))) {
            List<String> command = List.of(VcardProcessRoot.root().resolve("bin/perso").toString(), "issue",
                    "--batch", batch.toString(), "--centre", centre.uri().toString(), "--out", report.toString(),
                    "--virtual", "--operator", "op-7");

            Process first = start(command, dir.resolve("first.log"));
            waitForIssued(first, journalFile, ISSUED_BEFORE_KILL);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush beyond what was forced
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));

            List<Progress> unfinishedAtKill;
            try (BatchJournal journal = BatchJournal.open(journalFile)) {
                unfinishedAtKill = new ArrayList<>(journal.unfinished());
                // a virtual card verified but not yet locked died with the killed process: recovered like the rest
                unfinishedAtKill.addAll(journal.awaitingLock());
            }
            Set<String> certifiedAtKill = new HashSet<>();
            Set<String> requestedAtKill = new HashSet<>();
            List<String> serialsToRevoke = new ArrayList<>();
            for (Progress p : unfinishedAtKill) {
                if (p.step() == Step.CERTIFIED || p.step() == Step.VERIFIED) {
                    certifiedAtKill.add(p.applicationId());
                    serialsToRevoke.addAll(p.certificateSerials());
                } else if (p.step() == Step.REQUESTED) {
                    requestedAtKill.add(p.applicationId());
                }
            }

            int failedBeforeKill = Files.exists(report) ? count(Files.readString(report), ",failed,") : 0;
            System.out.printf("killed with %d unfinished: %d certified (to revoke), %d requested%n",
                    unfinishedAtKill.size(), certifiedAtKill.size(), requestedAtKill.size());
            // rerun as an operator would: again while a card failed (rerun to retry), at most a few times
            int runs = 0;
            List<List<String>> rows;
            do {
                runs++;
                Process again = start(command, dir.resolve("run" + runs + ".log"));
                assertTrue(again.waitFor(10, TimeUnit.MINUTES), "the resumed batch did not finish");
                assertEquals(IssueCommand.EXIT_INCOMPLETE, again.exitValue(), "bad rows make the batch incomplete: "
                        + log("run" + runs + ".log"));
                rows = ReportedRows.parse(Files.readString(report, StandardCharsets.UTF_8));
            } while (runs < MAX_RERUNS && issuedApplications(rows).size() < GOOD_HOLDERS);
            System.out.printf("all issued after %d reruns; failed attempts reported: %s%n", runs,
                    Files.readAllLines(report).stream().filter(l -> l.contains(",failed,")).toList());

            // the report: each good holder issued once, after any failed attempts
            assertEquals(List.of("line", "application-id", "outcome", "card-serial", "auth-certificate-serial",
                    "sign-certificate-serial", "reason"), rows.get(0));
            Map<String, List<List<String>>> byApplication = new HashMap<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                byApplication.computeIfAbsent(ReportedRows.key(row), k -> new ArrayList<>()).add(row);
            }
            Set<String> issuedSerials = new HashSet<>();
            Set<String> cardSerials = new HashSet<>();
            int issued = 0;
            int failedAttempts = 0;
            for (int i = 1; i <= GOOD_HOLDERS; i++) {
                String id = applicationId(i);
                List<List<String>> reported = byApplication.get(id);
                List<String> row = reported.get(reported.size() - 1);
                for (List<String> earlier : reported.subList(0, reported.size() - 1)) {
                    assertEquals("failed", earlier.get(2), id + ": only failed attempts before the issued one: " + reported);
                    failedAttempts++;
                }
                assertEquals("issued", row.get(2), id + ": " + row);
                assertTrue(cardSerials.add(row.get(3)), "a card serial used twice: " + row.get(3));
                issuedSerials.add(CertificateUsage.USER_AUTHENTICATION.shortName() + ":" + row.get(4));
                issuedSerials.add(CertificateUsage.SIGNATURE.shortName() + ":" + row.get(5));
                issued++;
            }
            assertEquals(GOOD_HOLDERS, issued);
            for (Map.Entry<Integer, String> bad : badLines.entrySet()) {
                List<List<String>> reported = byApplication.get("line:" + bad.getKey());
                assertEquals(1, reported.size(), "bad line " + bad.getKey() + " reported once: " + reported);
                List<String> row = reported.get(0);
                assertEquals(List.of(Integer.toString(bad.getKey()), bad.getValue(), "rejected"), row.subList(0, 3));
                assertTrue(!row.get(6).isEmpty(), "a rejected row says why");
            }
            assertEquals(1 + GOOD_HOLDERS + badLines.size() + failedAttempts, rows.size(), "nothing else reported");

            // the journal: issued for each issued holder, abandoned for each recovered one
            try (BatchJournal journal = BatchJournal.open(journalFile)) {
                for (int i = 1; i <= GOOD_HOLDERS; i++) {
                    String id = applicationId(i);
                    assertEquals(Step.ISSUED, journal.progress(id).step(), id);
                }
                for (int line : badLines.keySet()) {
                    assertEquals(Step.REJECTED, journal.progress("line:" + line).step(), "line " + line);
                }
            }

            // the centre: the issued certificates are good; revoked are exactly those recovery audited, which
            // include every certificate journaled for a card left half done by the kill; nothing else
            String audit = Files.readString(auditFile, StandardCharsets.UTF_8);
            for (String typed : issuedSerials) {
                String[] parts = typed.split(":");
                assertEquals(CertificateState.GOOD, status(centre, parts[0], parts[1]), typed);
            }
            Map<BigInteger, String> revokedAudited = revokedInAudit(audit);
            for (Map.Entry<BigInteger, String> revoked : revokedAudited.entrySet()) {
                assertEquals(CertificateState.REVOKED, status(centre, revoked.getValue(), revoked.getKey().toString(16)), "" + revoked);
            }
            for (String serial : serialsToRevoke) {
                assertTrue(revokedAudited.containsKey(new BigInteger(serial, 16)), "journaled half-done certificate revoked: " + serial);
            }
            Map<String, Integer> states = centreStates(centreData);
            int revoked = states.getOrDefault("REVOKED", 0);
            assertEquals(revokedAudited.size(), revoked, "revoked at the centre: " + states);
            assertEquals(2 * issued + revoked, states.values().stream().mapToInt(Integer::intValue).sum(),
                    "every certificate at the centre is on an issued card or revoked: " + states);

            // the audit log: every issue and rejection, the recovery, no secret
            for (int i = 1; i <= GOOD_HOLDERS; i++) {
                assertTrue(audit.contains("\"application\":\"" + applicationId(i) + "\""), applicationId(i));
            }
            // a card that failed before the kill was still unfinished at the kill: recovered once
            assertEquals(unfinishedAtKill.size() + failedAttempts - failedBeforeKill, count(audit, "\"outcome\":\"abandoned\""),
                    "each recovery audited");
            assertTrue(audit.contains("\"operator\":\"op-7\""));
            for (String secret : List.of("ABCDEF12", "100000000", "番号")) {
                assertTrue(!audit.contains(secret) && !Files.readString(report).contains(secret)
                        && !Files.readString(journalFile).contains(secret), "a secret in the records: " + secret);
            }
        }
    }

    private static Set<String> issuedApplications(List<List<String>> rows) {
        Set<String> issued = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if ("issued".equals(row.get(2))) {
                issued.add(row.get(1));
            }
        }
        return issued;
    }

    /** The certificates recovery revoked, by serial, with their type, as the audit log records them. */
    private static Map<BigInteger, String> revokedInAudit(String audit) {
        Map<BigInteger, String> revoked = new HashMap<>();
        Matcher m = REVOKED_ENTRY.matcher(audit);
        while (m.find()) {
            revoked.put(new BigInteger(m.group(1), 16), m.group(2));
        }
        assertTrue(count(audit, "\"outcome\":\"revoked\"") >= revoked.size(), "every revoked entry read: " + revoked);
        return revoked;
    }

    private static CertificateState status(Centre centre, String type, String serialHex) {
        return centre.administration().status(new BigInteger(serialHex, 16), Optional.of(CertificateUsage.fromShortName(type))).state();
    }

    /** 52 holders and four bad rows; returns the bad rows' lines and application ids. */
    private static Map<Integer, String> writeBatch(Path batch) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        Map<Integer, String> bad = new HashMap<>();
        for (int i = 1; i <= GOOD_HOLDERS; i++) {
            lines.add(String.join(",", applicationId(i), "番号　花子" + i, "東京都千代田区霞が関二丁目１番" + i + "号",
                    "1989-03-31", "2034-03-31", "131016", myNumber(i), "5678", i % 2 == 0 ? "female" : "male", "1234", "ABCDEF12"));
            if (i == 5) {
                bad.put(lines.size() + 1, "BAD-DATE");
                lines.add(String.join(",", "BAD-DATE", "番号　次郎", "東京都", "1989-02-30", "2034-03-31", "131016",
                        myNumber(900), "5678", "male", "1234", "ABCDEF12"));
            } else if (i == 20) {
                String wrong = myNumber(901);
                wrong = wrong.substring(0, 11) + (char) ('0' + (wrong.charAt(11) - '0' + 1) % 10);
                bad.put(lines.size() + 1, "BAD-NUMBER");
                lines.add(String.join(",", "BAD-NUMBER", "番号　三郎", "東京都", "1989-03-31", "2034-03-31", "131016",
                        wrong, "5678", "male", "1234", "ABCDEF12"));
            } else if (i == 30) {
                bad.put(lines.size() + 1, applicationId(1));
                lines.add(String.join(",", applicationId(1), "番号　四郎", "東京都", "1989-03-31", "2034-03-31", "131016",
                        myNumber(902), "5678", "male", "1234", "ABCDEF12"));
            } else if (i == 40) {
                bad.put(lines.size() + 1, "");
                lines.add(String.join(",", "", "番号　五郎", "東京都", "1989-03-31", "2034-03-31", "131016",
                        myNumber(903), "5678", "male", "1234", "ABCDEF12"));
            }
        }
        Files.write(batch, lines, StandardCharsets.UTF_8);
        return bad;
    }

    private static String applicationId(int i) {
        return SampleHolders.applicationId(i);
    }

    private static String myNumber(int i) {
        return SampleHolders.myNumber(i);
    }

    private Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private void waitForIssued(Process process, Path journal, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("perso ended before the kill: " + log("first.log"));
            }
            if (Files.exists(journal) && count(Files.readString(journal), ISSUED_STEP) >= wanted) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not " + wanted + " cards issued in time: " + log("first.log"));
    }

    private static int count(String text, String literal) {
        return count(text, Pattern.compile(Pattern.quote(literal)));
    }

    private static int count(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The centre's registry, read directly: how many certificates it holds in each state. */
    private static Map<String, Integer> centreStates(Path centreData) throws Exception {
        Map<String, Integer> states = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + centreData.resolve("registry.db").toAbsolutePath());
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT state, COUNT(*) FROM certificate GROUP BY state")) {
            while (rows.next()) {
                states.put(rows.getString(1).toUpperCase(), rows.getInt(2));
            }
        }
        return states;
    }
}
