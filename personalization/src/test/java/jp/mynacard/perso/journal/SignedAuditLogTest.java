package jp.mynacard.perso.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.perso.channel.IssuerKeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audit log written with an operator credential: lines under the certificate's CN, each signed,
 * chained to the line before; the supervisor's check passes on the log as written (across a resumed
 * run) and names the line of every edit, removal or unsigned insertion.
 */
class SignedAuditLogTest {
    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    Path dir;

    private OperatorCredential operator;
    private OperatorCredential colleague;
    private Path audit;

    @BeforeEach
    void credentials() throws Exception {
        Path keystore = dir.resolve("issuer.p12");
        OperatorKeytool.genkeypair(keystore, PASSWORD, "operator", "CN=operator-7,O=Example Bureau", "0d", 30);
        OperatorKeytool.genkeypair(keystore, PASSWORD, "colleague", "CN=operator-9,O=Example Bureau", "0d", 30);
        try (IssuerKeyStore store = IssuerKeyStore.pkcs12(keystore, PASSWORD)) {
            operator = OperatorCredential.from(store, "operator", Clock.systemUTC());
            colleague = OperatorCredential.from(store, "colleague", Clock.systemUTC());
        }
        audit = dir.resolve("batch.audit.jsonl");
        try (AuditLog log = AuditLog.open(audit, operator, "holders.csv", Clock.systemUTC())) {
            log.record("issue", "A-1", "VF0000000001", List.of("0a", "0b"), "issued", "");
            log.record("issue", "A-2", "VF0000000002", List.of(), "failed", "card removed");
        }
        // the resumed run, by the same operator, appends to the chain
        try (AuditLog log = AuditLog.open(audit, operator, "holders.csv", Clock.systemUTC())) {
            log.record("recover", "A-2", "VF0000000002", List.of("0c"), "revoked", "");
            log.record("issue", "A-2", "VF0000000003", List.of("0d", "0e"), "issued", "");
        }
    }

    @Test
    void theLogAsWrittenVerifiesAndNamesTheOperatorByTheCertificate() throws Exception {
        String text = Files.readString(audit);
        assertTrue(text.contains("\"operator\":\"operator-7\""), text);
        assertEquals(4, Files.readAllLines(audit).stream().filter(l -> l.contains("\"signature\":")).count(), text);
        AuditVerification result = AuditVerification.of(audit, operator.certificate());
        assertTrue(result.passed(), result.problems().toString());
        assertEquals(4, result.verified());
        AuditVerification other = AuditVerification.of(audit, colleague.certificate());
        assertFalse(other.passed(), "a certificate with no line in the log passes nothing");
        assertEquals(4, other.others());
    }

    @Test
    void anEditedLineIsNamedAndBreaksTheChainAfterIt() throws Exception {
        List<String> lines = Files.readAllLines(audit);
        lines.set(1, lines.get(1).replace("\"failed\"", "\"issued\""));
        Files.write(audit, lines);
        AuditVerification result = AuditVerification.of(audit, operator.certificate());
        assertFalse(result.passed());
        assertTrue(result.problems().get(0).startsWith("line 2: the signature does not match"), result.problems().toString());
        // the next line was chained to the line as signed, so the edit shows there too
        assertEquals(2, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(1).startsWith("line 3: the line before it"), result.problems().toString());
    }

    @Test
    void aRemovedLineBreaksTheChainAtTheLineAfterIt() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        lines.remove(2);
        Files.write(audit, lines);
        AuditVerification result = AuditVerification.of(audit, operator.certificate());
        assertEquals(List.of("line 3: the line before it is not the one it was signed after (a line removed, inserted or moved)"),
                result.problems());
        lines.remove(0);
        Files.write(audit, lines);
        assertTrue(AuditVerification.of(audit, operator.certificate()).problems().get(0).startsWith("line 1: the line before it"),
                "the first line removed shows too");
    }

    @Test
    void anUnsignedLineInTheOperatorsNameOrALineSignedByAColleagueIsRefused() throws Exception {
        try (AuditLog forged = AuditLog.open(audit, "operator-7", "holders.csv", Clock.systemUTC())) {
            forged.record("issue", "A-3", "VF0000000004", List.of(), "issued", "");
        }
        assertEquals(List.of("line 5: recorded for operator-7 but not signed"),
                AuditVerification.of(audit, operator.certificate()).problems());
        // the colleague's own lines after it are theirs: checked against their certificate, not the operator's
        try (AuditLog next = AuditLog.open(audit, colleague, "holders.csv", Clock.systemUTC())) {
            next.record("issue", "A-4", "VF0000000005", List.of(), "issued", "");
        }
        AuditVerification colleagues = AuditVerification.of(audit, colleague.certificate());
        assertTrue(colleagues.passed(), colleagues.problems().toString());
        assertEquals(1, colleagues.verified());
    }
}
