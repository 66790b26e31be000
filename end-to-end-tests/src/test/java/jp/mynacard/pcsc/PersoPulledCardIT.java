package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card pulled out of the reader mid-personalization, through pcscd and vpcd: bin/vcard --blank
 * --feeder pulls the first blank after its JPKI keys are generated and the centre has certified
 * them (while the certificates are being written), and puts the same card back 1.5 s later. The
 * holder it was for is reported failed; the reinserted card is recognised as unfinished (GET DATA
 * status), wiped and issued to the next holder; the rerun revokes the aborted attempt's
 * certificates and issues the failed holder. Every holder is issued exactly once; the audit log is
 * signed by the operator credential and verifies with bin/perso audit-verify.
 */
class PersoPulledCardIT {
    /**
     * The reader's probe of the first blank is 7 APDUs (serial, status of its three APs); then JPKI's
     * select, serial and channel authentication 5, GENERATE KEY PAIR 2, and the certificates'
     * UPDATE BINARY from APDU 15: APDU 21, left unanswered, is the seventh.
     */
    private static final String PULL_AFTER_APDUS = "20";
    private static final Pattern REVOKED = Pattern.compile("\"certificates\":\"([0-9A-Fa-f]+)\",\"outcome\":\"revoked\",\"reason\":\"(auth|sign) certificate");

    @TempDir
    Path dir;

    @Test
    void aCardPulledMidPersonalizationIsWipedAndReusedAndItsHolderIssuedOnceByTheRerun() throws Exception {
        PcscDaemon.requireRunning();
        PersoBureau bureau = PersoBureau.in(dir);
        String password = bureau.password();
        Path batch = PersoBureau.writeBatch(dir.resolve("holders.csv"), PersoBureau.MY_NUMBERS.size());
        Path report = dir.resolve("report.csv");
        Path audit = dir.resolve("report.audit.jsonl");
        try (VcardProcess feeder = VcardProcess.start(Map.of("MYNACARD_MASTER_KEY_PASSWORD", password),
                "--port", Integer.toString(PcscDaemon.VPCD_PORT), "--blank", "--feeder",
                "--master-key", bureau.keystore().toString(), "--remove-after", PULL_AFTER_APDUS, "--reinsert-after", "1500");
             Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            List<String> issue = bureau.issueCommand(batch, centre, report);

            String first = perso(bureau, issue, "first");
            assertEquals(1, exit, first);
            feeder.awaitLine("pulled", Duration.ofSeconds(5));
            List<String[]> rows = PersoBureau.rows(report);
            assertEquals(List.of("R-0:failed", "R-1:issued", "R-2:issued"), PersoBureau.outcomes(rows), first);
            String pulledCard = rows.get(0)[3];
            assertEquals(pulledCard, rows.get(1)[3], "the reinserted card is issued to the next holder");
            String auditText = Files.readString(audit);
            assertTrue(auditText.contains("\"action\":\"wipe\",\"application\":\"R-1\",\"card\":\"" + pulledCard + "\",\"outcome\":\"unfinished\""),
                    "the reinserted card was recognised as unfinished: " + auditText);
            List<String> abortedSerials;
            try (BatchJournal journal = BatchJournal.open(dir.resolve("report.journal.jsonl"))) {
                BatchJournal.Progress aborted = journal.progress("R-0");
                assertEquals(Step.CERTIFIED, aborted.step(), "pulled after the centre certified the keys");
                abortedSerials = aborted.certificateSerials();
            }
            assertEquals(2, abortedSerials.size());

            String second = perso(bureau, issue, "rerun");
            assertEquals(0, exit, second);
            rows = PersoBureau.rows(report);
            assertEquals(List.of("R-0:failed", "R-1:issued", "R-2:issued", "R-0:issued"), PersoBureau.outcomes(rows), second);
            assertFalse(pulledCard.equals(rows.get(3)[3]), "R-0 on a fresh blank");
            try (BatchJournal journal = BatchJournal.open(dir.resolve("report.journal.jsonl"))) {
                for (String id : List.of("R-0", "R-1", "R-2")) {
                    assertEquals(Step.ISSUED, journal.progress(id).step(), id);
                }
            }

            // the centre: the aborted attempt's certificates revoked by recovery, those on the cards good
            auditText = Files.readString(audit);
            Map<String, String> revoked = new HashMap<>();
            for (Matcher m = REVOKED.matcher(auditText); m.find(); ) {
                revoked.put(new BigInteger(m.group(1), 16).toString(16), m.group(2));
            }
            assertEquals(2, revoked.size(), auditText);
            for (String serial : abortedSerials) {
                String type = revoked.get(new BigInteger(serial, 16).toString(16));
                assertEquals(CertificateState.REVOKED, PersoBureau.status(centre, type, serial), serial + " " + type);
            }
            for (String[] row : rows) {
                if (row[2].equals("issued")) {
                    assertEquals(CertificateState.GOOD, PersoBureau.status(centre, "auth", row[4]), row[1]);
                    assertEquals(CertificateState.GOOD, PersoBureau.status(centre, "sign", row[5]), row[1]);
                }
            }
            assertEquals(1, PersoBureau.count(auditText, "\"application\":\"R-0\",\"card\":\"" + rows.get(3)[3] + "\",\"certificates\""),
                    "the audit log issues R-0 once");
            assertEquals(3, PersoBureau.count(auditText, "\"outcome\":\"issued\""), auditText);
            assertFalse(auditText.contains(password) || auditText.contains(PersoBureau.SIGN_PIN) || auditText.contains(PersoBureau.MY_NUMBERS.get(0)));

            // the supervisor's check: every line the operator's, signed, none edited
            String verified = perso(bureau, bureau.auditVerifyCommand(audit), "verify");
            assertEquals(0, exit, verified);
            assertTrue(verified.startsWith("operator-5: " + PersoBureau.count(auditText, "\n") + " lines verified, 0 problems"), verified);
        }
    }

    private int exit;

    private String perso(PersoBureau bureau, List<String> command, String name) throws Exception {
        PersoBureau.Run run = bureau.run(command, dir.resolve(name + ".log"), Duration.ofMinutes(5));
        exit = run.exit();
        return run.output();
    }
}
