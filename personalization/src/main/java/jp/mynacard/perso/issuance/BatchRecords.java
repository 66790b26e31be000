package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public final class BatchRecords {
    private static final String ACTION = "issue";

    private final BatchJournal journal;
    private final BatchReport report;
    private final AuditLog audit;
    private final BatchProgress progress;
    /** Rows verified on a card not yet locked, by application, as far as this run has read them; true: already counted failed. */
    private final Map<String, AwaitingRow> awaitingLock = new HashMap<>();

    private record AwaitingRow(BatchRow row, boolean countedFailed) {
    }

    public BatchRecords(BatchJournal journal, BatchReport report, AuditLog audit, BatchProgress progress) {
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

    /** Written and read back, nothing locked yet: from here on the card is the holder's (BatchJournal). */
    synchronized void verified(BatchRow row) throws IOException {
        journal.verified(row.applicationId());
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

    /** The verified application whose card this is, waiting for its LOCKs (the journal's view). */
    synchronized Optional<BatchJournal.Progress> awaitingLock(String cardSerial) {
        return journal.awaitingLock(cardSerial);
    }

    /**
     * The row is verified on a card not yet locked: remembered, so that the roll-forward reports it.
     * False when the journal no longer has it verified (finished meanwhile, reported by the caller).
     */
    synchronized boolean awaitLock(BatchRow row, boolean countedFailed) {
        if (journal.progress(row.applicationId()).step() != BatchJournal.Step.VERIFIED) {
            return false;
        }
        awaitingLock.put(row.applicationId(), new AwaitingRow(row, countedFailed));
        return true;
    }

    /**
     * A verified card's LOCKs finished after a pull: issued on that card with the certificates it holds.
     * Journal, then audit (what was locked, then the usual issued line) and report; a row this run has
     * not read yet is reported when it is (its journal says issued, its report does not).
     */
    synchronized void lockCompleted(BatchJournal.Progress verified, List<String> lockedNow) throws IOException {
        String applicationId = verified.applicationId();
        journal.issued(applicationId);
        audit.record("lock-completed", applicationId, verified.cardSerial(), verified.certificateSerials(), "locked",
                "its content verified before a pull stopped its LOCKs: " + (lockedNow.isEmpty() ? "every AP was locked already"
                        : "locked now the " + String.join(", ", lockedNow) + " AP" + (lockedNow.size() > 1 ? "s" : "")));
        AwaitingRow awaiting = awaitingLock.remove(applicationId);
        if (awaiting != null) {
            List<String> serials = verified.certificateSerials();
            audit.record(ACTION, applicationId, verified.cardSerial(), serials, "issued", "");
            report.issued(awaiting.row(), verified.cardSerial(), serials.get(0), serials.get(1));
            if (!awaiting.countedFailed()) {
                progress.issued();
            }
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
