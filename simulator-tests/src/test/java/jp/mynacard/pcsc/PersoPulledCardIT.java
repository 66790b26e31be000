package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Step;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
    private static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    private static final List<String> MY_NUMBERS = List.of("123456789018", "000000000019", "100000000013");
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
        Path keystore = dir.resolve("issuer.p12");
        Path operatorCertificate = dir.resolve("operator.pem");
        String password = writeKeystore(keystore, operatorCertificate);
        Path batch = dir.resolve("holders.csv");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < MY_NUMBERS.size(); i++) {
            lines.add(String.join(",", "R-" + i, "番号　花子", "東京都千代田区霞が関二丁目１番２号", "1989-03-31", "2034-03-31",
                    "131016", MY_NUMBERS.get(i), "5678", "female", "1234", "ABCDEF12"));
        }
        Files.write(batch, lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("report.csv");
        Path audit = dir.resolve("report.audit.jsonl");
        try (VcardProcess feeder = VcardProcess.start(Map.of("MYNACARD_MASTER_KEY_PASSWORD", password),
                "--port", Integer.toString(PcscDaemon.VPCD_PORT), "--blank", "--feeder",
                "--master-key", keystore.toString(), "--remove-after", PULL_AFTER_APDUS, "--reinsert-after", "1500");
             Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            List<String> issue = List.of(VcardProcess.repositoryRoot().resolve("bin/perso").toString(), "issue",
                    "--batch", batch.toString(), "--centre", centre.uri().toString(), "--out", report.toString(),
                    "--reader", PcscDaemon.readerName(PcscDaemon.VPCD_PORT), "--master-key", keystore.toString(),
                    "--operator-alias", "operator");

            String first = perso(issue, password, "first");
            assertEquals(1, exit, first);
            feeder.awaitLine("pulled", Duration.ofSeconds(5));
            List<String[]> rows = rows(report);
            assertEquals(List.of("R-0:failed", "R-1:issued", "R-2:issued"), outcomes(rows), first);
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

            String second = perso(issue, password, "rerun");
            assertEquals(0, exit, second);
            rows = rows(report);
            assertEquals(List.of("R-0:failed", "R-1:issued", "R-2:issued", "R-0:issued"), outcomes(rows), second);
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
                assertEquals(CertificateState.REVOKED, status(centre, type, serial), serial + " " + type);
            }
            for (String[] row : rows) {
                if (row[2].equals("issued")) {
                    assertEquals(CertificateState.GOOD, status(centre, "auth", row[4]), row[1]);
                    assertEquals(CertificateState.GOOD, status(centre, "sign", row[5]), row[1]);
                }
            }
            assertEquals(1, count(auditText, "\"application\":\"R-0\",\"card\":\"" + rows.get(3)[3] + "\",\"certificates\""),
                    "the audit log issues R-0 once");
            assertEquals(3, count(auditText, "\"outcome\":\"issued\""), auditText);
            assertFalse(auditText.contains(password) || auditText.contains("ABCDEF12") || auditText.contains(MY_NUMBERS.get(0)));

            // the supervisor's check: every line the operator's, signed, none edited
            String verified = perso(List.of(VcardProcess.repositoryRoot().resolve("bin/perso").toString(), "audit-verify",
                    "--audit", audit.toString(), "--certificate", operatorCertificate.toString()), password, "verify");
            assertEquals(0, exit, verified);
            assertTrue(verified.startsWith("operator-5: " + count(auditText, "\n") + " lines verified, 0 problems"), verified);
        }
    }

    private int exit;

    private String perso(List<String> command, String password, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MYNACARD_MASTER_KEY_PASSWORD", password);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), name + " did not finish");
        exit = process.exitValue();
        return Files.readString(log);
    }

    private static List<String[]> rows(Path report) throws Exception {
        List<String> lines = Files.readAllLines(report);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    private static List<String> outcomes(List<String[]> rows) {
        return rows.stream().map(r -> r[1] + ":" + r[2]).toList();
    }

    private static CertificateState status(Centre centre, String type, String serialHex) {
        return centre.administration().status(new BigInteger(serialHex, 16), Optional.of(CertificateUsage.fromShortName(type))).state();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** The issuer master key and an operator credential (CN=operator-5) in a fresh PKCS#12 file; returns its password. */
    private static String writeKeystore(Path keystore, Path certificatePem) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password.toCharArray());
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
        store.setEntry("issuer-master", new KeyStore.SecretKeyEntry(generator.generateKey()), protection);
        KeyPairGenerator pairs = KeyPairGenerator.getInstance("EC");
        pairs.initialize(256);
        KeyPair operator = pairs.generateKeyPair();
        X509Certificate certificate = selfSigned(operator, "CN=operator-5,O=Example Bureau");
        store.setKeyEntry("operator", operator.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password.toCharArray());
        }
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return password;
    }

    private static X509Certificate selfSigned(KeyPair pair, String subject) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
