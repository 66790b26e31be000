package jp.mynacard.perso.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of an audit file as one operator appends them: each starts with the time and the
 * operator, and with an operator credential is chained to the line before it and signed
 * ({@link AuditLineSignature}). The batch log and the counter log both write through this, so
 * {@link AuditVerification} checks either the same way, whatever fields follow.
 */
final class OperatorLines implements AutoCloseable {
    private final JsonLinesLog log;
    private final String operator;
    private final Clock clock;
    private final OperatorCredential signer;

    private OperatorLines(JsonLinesLog log, String operator, Clock clock, OperatorCredential signer) {
        this.log = log;
        this.operator = operator;
        this.clock = clock;
        this.signer = signer;
    }

    /** Lines unsigned, {@code operator} taken as given. */
    static OperatorLines open(Path file, String operator, Clock clock) throws IOException {
        return new OperatorLines(JsonLinesLog.open(file), operator, clock, null);
    }

    /** Lines under the credential's CN, signed with its key. */
    static OperatorLines open(Path file, OperatorCredential operator, Clock clock) throws IOException {
        return new OperatorLines(JsonLinesLog.open(file), operator.operatorId(), clock, operator);
    }

    List<Map<String, String>> records() {
        return log.records();
    }

    /** Appends time, operator, then {@code fields} in their order; then the chain and the signature. */
    void append(Map<String, String> fields) throws IOException {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("time", clock.instant().toString());
        entry.put("operator", operator);
        entry.putAll(fields);
        if (signer != null) {
            List<Map<String, String>> before = log.records();
            if (!before.isEmpty()) {
                entry.put(AuditLineSignature.PREVIOUS, AuditLineSignature.chainHash(before.get(before.size() - 1)));
            }
            entry.put(AuditLineSignature.SIGNATURE, AuditLineSignature.encode(signer.sign(AuditLineSignature.signedBytes(entry))));
        }
        log.append(entry);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
