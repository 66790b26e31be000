package jp.mynacard.perso.cli;

import java.io.IOException;
import java.util.List;
import jp.mynacard.perso.batch.BatchEntry;
import jp.mynacard.perso.batch.BatchProgress;
import jp.mynacard.perso.batch.BatchReport;
import jp.mynacard.perso.batch.BatchRow;
import jp.mynacard.perso.batch.RejectedRow;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;

/**
 * The batch's three records (journal, report, audit log) and the operator's progress line, written
 * one event at a time whatever the number of workers: every method holds the one lock, so a
 * journal line is never interleaved with another card's and the report follows the journal.
 */
final class BatchRecords {
    private static final String ACTION = "issue";

    private final BatchJournal journal;
    private final BatchReport report;
    private final AuditLog audit;
    private final BatchProgress progress;

    BatchRecords(BatchJournal journal, BatchReport report, AuditLog audit, BatchProgress progress) {
        this.journal = journal;
        this.report = report;
        this.audit = audit;
        this.progress = progress;
    }

    synchronized BatchJournal.Progress progress(String applicationId) {
        return journal.progress(applicationId);
    }

    synchronized void rejected(RejectedRow row, String journalKey) throws IOException {
        journal.rejected(journalKey, row.line());
        audit.record("reject", row.applicationId(), "", List.of(), "rejected", "line " + row.line() + ": " + row.reason());
        report.rejected(row);
        progress.rejected();
    }

    synchronized void started(BatchRow row, String cardSerial) throws IOException {
        journal.started(row.applicationId(), cardSerial);
    }

    /** The card was left unfinished by an earlier attempt (GET DATA status): it is wiped before this holder is issued on it. */
    synchronized void unfinishedCard(BatchRow row, String cardSerial) throws IOException {
        audit.record("wipe", row.applicationId(), cardSerial, List.of(), "unfinished",
                "an earlier attempt left this card unfinished: wiped before issuing");
    }

    synchronized void requested(BatchRow row, List<String> publicKeyHashes) throws IOException {
        journal.requested(row.applicationId(), publicKeyHashes);
    }

    synchronized void certified(BatchRow row, List<String> certificateSerials) throws IOException {
        journal.certified(row.applicationId(), certificateSerials);
    }

    synchronized void issued(BatchRow row, String cardSerial, String authSerial, String signSerial) throws IOException {
        journal.issued(row.applicationId());
        audit.record(ACTION, row.applicationId(), cardSerial, List.of(authSerial, signSerial), "issued", "");
        report.issued(row, cardSerial, authSerial, signSerial);
        progress.issued();
    }

    /**
     * An outcome the journal holds but the report lacks (a run killed between the two): reported
     * now from the journal, and audited as caught up.
     */
    synchronized void reportJournaled(BatchEntry entry, BatchJournal.Progress done) throws IOException {
        if (entry instanceof BatchRow row && done.step() == BatchJournal.Step.ISSUED && done.certificateSerials().size() == 2) {
            audit.record(ACTION, row.applicationId(), done.cardSerial(), done.certificateSerials(), "issued",
                    "reported on resume from the journal");
            report.issued(row, done.cardSerial(), done.certificateSerials().get(0), done.certificateSerials().get(1));
        } else if (entry instanceof RejectedRow rejected) {
            audit.record("reject", rejected.applicationId(), "", List.of(), "rejected",
                    "line " + rejected.line() + ": " + rejected.reason());
            report.rejected(rejected);
        }
    }

    synchronized void failed(BatchRow row, String cardSerial, String reason) throws IOException {
        report.failed(row, cardSerial, reason);
        audit.record(ACTION, row.applicationId(), cardSerial, journal.progress(row.applicationId()).certificateSerials(),
                "failed", reason);
        progress.failed();
    }

    synchronized void finish() {
        progress.finish();
    }
}
