package jp.mynacard.perso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.perso.SoftHsmToken;
import jp.mynacard.perso.journal.AuditVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/perso issue --virtual with the issuer's keys on a PKCS#11 token (the test JVM's SoftHSM2
 * token): the master key, generated on the token and sensitive, makes the blanks and opens their
 * channels; the operator credential on the same token names the operator in the audit log and signs
 * every line. The PIN comes from MYNACARD_PKCS11_PIN and is printed nowhere.
 */
class PersoTokenIT {
    private static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    private static final String MASTER = "perso-master";
    private static final String OPERATOR = "perso-operator";
    private static final int HOLDERS = 3;

    @TempDir
    Path dir;

    @Test
    void aBatchIsIssuedWithTheMasterKeyAndTheOperatorCredentialOnTheToken() throws Exception {
        SoftHsmToken token = SoftHsmToken.shared();
        KeyStore store = token.login();
        store.setEntry(MASTER, new KeyStore.SecretKeyEntry(SoftHsmToken.aesKey(store.getProvider(), 128)), null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair operator = generator.generateKeyPair();
        X509Certificate certificate = SoftHsmToken.certificate(operator, "CN=operator-11,O=Example Bureau");
        store.setKeyEntry(OPERATOR, operator.getPrivate(), null, new Certificate[] {certificate});
        assertNull(store.getKey(MASTER, null).getEncoded(), "the master key's value can be read off the token");

        Path batch = dir.resolve("holders.csv");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= HOLDERS; i++) {
            lines.add(String.join(",", SampleHolders.applicationId(i), "番号　花子", "東京都千代田区霞が関二丁目１番２号", "1989-03-31",
                    "2034-03-31", "131016", SampleHolders.myNumber(i), "5678", "female", "1234", "ABCDEF12"));
        }
        Files.write(batch, lines, StandardCharsets.UTF_8);
        Path report = dir.resolve("report.csv");
        Path log = dir.resolve("perso.log");
        String pin = String.valueOf(token.pin());
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            ProcessBuilder perso = new ProcessBuilder(VcardProcessRoot.root().resolve("bin/perso").toString(), "issue",
                    "--batch", batch.toString(), "--centre", centre.uri().toString(), "--out", report.toString(), "--virtual",
                    "--pkcs11-config", token.config().toString(), "--master-key-alias", MASTER, "--operator-alias", OPERATOR)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            perso.environment().putAll(Map.of("MYNACARD_PKCS11_PIN", pin));
            Process run = perso.start();
            assertTrue(run.waitFor(5, TimeUnit.MINUTES), "perso did not finish");
            String output = Files.readString(log);
            assertEquals(0, run.exitValue(), output);

            List<String> rows = Files.readAllLines(report);
            assertEquals(1 + HOLDERS, rows.size(), rows.toString());
            for (String row : rows.subList(1, rows.size())) {
                assertEquals("issued", row.split(",", -1)[2], row);
            }
            Path audit = dir.resolve("report.audit.jsonl");
            String auditText = Files.readString(audit);
            assertEquals(HOLDERS, auditText.lines().filter(l -> l.contains("\"operator\":\"operator-11\"")
                    && l.contains("\"outcome\":\"issued\"")).count(), auditText);
            AuditVerification verification = AuditVerification.of(audit, certificate);
            assertTrue(verification.passed(), verification.problems().toString());
            assertEquals(auditText.lines().count(), verification.verified());
            for (Path written : List.of(log, report, audit)) {
                assertFalse(Files.readString(written).contains(pin), "the PIN in " + written);
            }
        }
    }
}
