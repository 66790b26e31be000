package jp.mynacard.perso.cli.options;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import jp.mynacard.perso.journal.CounterAuditLog;
import jp.mynacard.perso.journal.OperatorCredential;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a counter operation is audited and under whom (a picocli mixin shared by the counter
 * verbs and {@code perso free-area add|remove}): the audit file, and the operator by credential
 * or by name.
 */
public final class CounterAuditOptions {
    /** In the working directory: a forgotten option must not leave an operation unrecorded. */
    public static final String DEFAULT_FILE = "counter-audit.jsonl";

    @Mixin
    OperatorOptions operator = new OperatorOptions();

    @Option(names = "--audit", paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "the counter's audit log, appended to (default: ${DEFAULT-VALUE} in the working directory)")
    Path file = Path.of(DEFAULT_FILE);

    public Path file() {
        return file;
    }

    /** Opens the log, signed under the operator credential of {@code keys} if one is named. */
    public CounterAuditLog open(IssuerKeyOptions keys, IssuerKeyOptions.Secrets secrets, Clock clock) throws IOException {
        OperatorCredential credential = operator.credential(keys, secrets, clock);
        return credential != null ? CounterAuditLog.open(file, credential, clock)
                : CounterAuditLog.open(file, operator.name(), clock);
    }
}
