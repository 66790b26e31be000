package jp.mynacard.perso.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch's audit trail for the operator's supervisor: append-only JSON Lines, each line forced
 * to disk, saying who did what to which card when and how it ended. It identifies cards and
 * certificates by serial and holders by application id only: no PIN, My Number, name, key or
 * master key ever goes in, whatever the caller has at hand. Opened with an operator credential,
 * the operator id is the certificate's CN and every line is signed by the operator's key
 * ({@link AuditLineSignature}; checked with {@link AuditVerification}).
 */
public final class AuditLog implements AutoCloseable {
    private final OperatorLines lines;
    private final String batch;

    private AuditLog(OperatorLines lines, String batch) {
        this.lines = lines;
        this.batch = batch;
    }

    /** Lines unsigned, {@code operator} taken as given (no credential to prove it). */
    public static AuditLog open(Path file, String operator, String batch, Clock clock) throws IOException {
        return new AuditLog(OperatorLines.open(file, operator, clock), batch);
    }

    /** Lines recorded under the credential's CN and signed with its key. */
    public static AuditLog open(Path file, OperatorCredential operator, String batch, Clock clock) throws IOException {
        return new AuditLog(OperatorLines.open(file, operator, clock), batch);
    }

    /** The entries so far, oldest first (for reports and tests; the file is the record). */
    public List<Map<String, String>> entries() {
        return List.copyOf(lines.records());
    }

    /**
     * Records one event: {@code action} such as "issue", "recover", "reject"; {@code outcome} such
     * as "issued", "rejected", "revoked", "failed"; card serial and certificate serials when known;
     * {@code reason} a sentence without secrets (row rejections and errors say which field, never its value).
     */
    public void record(String action, String applicationId, String cardSerial, List<String> certificateSerials,
                       String outcome, String reason) throws IOException {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("batch", batch);
        entry.put("action", action);
        entry.put("application", applicationId);
        if (cardSerial != null && !cardSerial.isEmpty()) {
            entry.put("card", cardSerial);
        }
        if (!certificateSerials.isEmpty()) {
            entry.put("certificates", String.join(" ", certificateSerials));
        }
        entry.put("outcome", outcome);
        if (reason != null && !reason.isEmpty()) {
            entry.put("reason", reason);
        }
        lines.append(entry);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
