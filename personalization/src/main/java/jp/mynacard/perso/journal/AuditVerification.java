package jp.mynacard.perso.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A supervisor's check of an audit log against an operator's certificate: every line recorded
 * under that operator's id (the certificate's CN) must carry a signature by the certificate's key
 * and follow the line it was signed after. Lines of other operators are counted, not checked.
 */
public record AuditVerification(String operatorId, int verified, int others, List<String> problems) {
    public AuditVerification {
        problems = List.copyOf(problems);
    }

    public static AuditVerification of(Path auditLog, X509Certificate certificate) throws IOException {
        String operatorId = OperatorCredential.commonName(certificate);
        List<Map<String, String>> lines = JsonLinesLog.read(auditLog);
        List<String> problems = new ArrayList<>();
        int verified = 0;
        int others = 0;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> line = lines.get(i);
            if (!operatorId.equals(line.get("operator"))) {
                others++;
                continue;
            }
            String previous = i == 0 ? null : AuditLineSignature.chainHash(lines.get(i - 1));
            if (!line.containsKey(AuditLineSignature.SIGNATURE)) {
                problems.add("line " + (i + 1) + ": recorded for " + operatorId + " but not signed");
            } else if (!AuditLineSignature.verifies(line, certificate.getPublicKey())) {
                problems.add("line " + (i + 1) + ": the signature does not match the line (edited, or not signed by this certificate's key)");
            } else if (!Objects.equals(previous, line.get(AuditLineSignature.PREVIOUS))) {
                problems.add("line " + (i + 1) + ": the line before it is not the one it was signed after (a line removed, inserted or moved)");
            } else {
                verified++;
            }
        }
        return new AuditVerification(operatorId, verified, others, problems);
    }

    /** Nothing wrong, and at least one line of the operator's checked. */
    public boolean passed() {
        return problems.isEmpty() && verified > 0;
    }
}
