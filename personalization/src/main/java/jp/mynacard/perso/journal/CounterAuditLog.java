package jp.mynacard.perso.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The counter's audit trail: one line per counter operation (a PIN reset, an address change, a
 * card reported lost, found or invalidated, a free-area slot added or removed), who did it to which card, what the centre did and
 * how it ended, failures included. Same file format as the batch's {@link AuditLog} (time and
 * operator first; signed and chained under an operator credential), so {@link AuditVerification}
 * checks it alike. A {@link Line} has no field for a PIN, a My Number, a name or a key.
 */
public final class CounterAuditLog implements AutoCloseable {
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    private final OperatorLines lines;

    private CounterAuditLog(OperatorLines lines) {
        this.lines = lines;
    }

    /** Lines unsigned, {@code operator} taken as given (no credential to prove it). */
    public static CounterAuditLog open(Path file, String operator, Clock clock) throws IOException {
        return new CounterAuditLog(OperatorLines.open(file, operator, clock));
    }

    /** Lines recorded under the credential's CN and signed with its key. */
    public static CounterAuditLog open(Path file, OperatorCredential operator, Clock clock) throws IOException {
        return new CounterAuditLog(OperatorLines.open(file, operator, clock));
    }

    public void record(Line line) throws IOException {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("action", line.action());
        putIfAny(entry, "card", line.card());
        putIfAny(entry, "pin", line.pin());
        putIfAny(entry, "slot", line.slot());
        putIfAny(entry, "certificates", String.join(" ", line.certificates()));
        putIfAny(entry, "new-certificates", String.join(" ", line.newCertificates()));
        entry.put("centre", line.centre().isEmpty() ? "none" : String.join(", ", line.centre()));
        entry.put("outcome", line.outcome());
        putIfAny(entry, "reason", line.reason());
        lines.append(entry);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private static void putIfAny(Map<String, String> entry, String name, String value) {
        if (value != null && !value.isEmpty()) {
            entry.put(name, value);
        }
    }

    /**
     * One operation.
     *
     * @param action the counter verb, e.g. "report-lost"
     * @param card the card's serial when the card was read, else null (the card-less verbs)
     * @param pin which PIN a reset was for ("auth", "sign", "input-helper"), never its value; else null
     * @param slot the free-area slot added or removed ("131016:1"), never its key or content; else null
     * @param certificates the card's certificates the operation acts on, "auth:1A sign:1B"
     * @param newCertificates the certificates the centre issued in their place, same form
     * @param centre what the centre did, in order ("suspended auth:1A"), also the part of a failed operation
     * @param outcome {@link #DONE} or {@link #FAILED}
     * @param reason why it failed (a message that names fields, never their values), else null
     */
    public record Line(String action, String card, String pin, String slot, List<String> certificates, List<String> newCertificates,
                       List<String> centre, String outcome, String reason) {
        public Line {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
            certificates = List.copyOf(certificates);
            newCertificates = List.copyOf(newCertificates);
            centre = List.copyOf(centre);
        }
    }
}
