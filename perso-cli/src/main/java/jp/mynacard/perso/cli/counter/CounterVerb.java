package jp.mynacard.perso.cli.counter;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.model.card.MynaCardException;
import jp.mynacard.perso.cli.options.CounterAuditOptions;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.journal.CounterAuditLog;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every counter verb shares: its output streams; its audit line, written for every operation
 * that was tried, done or failed (the log is opened first: an operation nobody can be held to is not
 * done); and turning the failures a clerk can act on (bad input, the centre's refusal, the card's)
 * into one line and exit code 1, never a stack trace.
 */
abstract class CounterVerb implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    CounterAuditOptions auditOptions = new CounterAuditOptions();

    SecretInput secrets = SecretInput.ofProcess();

    /** The issuer's keystore or token, where --operator-alias finds the operator's credential. */
    abstract IssuerKeyOptions keys();

    /** The operation; it notes in {@code audit} what it touches as it goes. */
    abstract void run(CounterAudit audit);

    @Override
    public final Integer call() {
        CounterAuditLog log;
        try {
            log = auditOptions.open(keys(), secrets::read, Clock.systemUTC());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err().println(spec.name() + ": nothing done, no audit log: " + e.getMessage());
            return FAILED;
        }
        try (log) {
            CounterAudit audit = new CounterAudit(spec.name());
            try {
                run(audit);
            } catch (IllegalArgumentException | IllegalStateException | CentreException | MynaCardException e) {
                err().println(spec.name() + ": " + e.getMessage());
                log.record(audit.failed(e.getMessage()));
                return FAILED;
            } catch (RuntimeException e) {
                // not one a clerk can act on: still audited, then up to the tool's handler
                log.record(audit.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                throw e;
            }
            log.record(audit.done());
            return 0;
        } catch (IOException e) {
            err().println(spec.name() + ": the audit log " + auditOptions.file() + " could not be written: " + e.getMessage());
            return FAILED;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
