package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import jp.mynacard.perso.batch.BatchEntry;
import jp.mynacard.perso.batch.BatchFile;
import jp.mynacard.perso.batch.BatchRow;
import jp.mynacard.perso.batch.RejectedRow;
import jp.mynacard.perso.journal.BatchJournal.Progress;
import jp.mynacard.perso.journal.BatchJournal.Step;
import jp.mynacard.perso.journal.BatchRecovery.VerifiedCards;

/**
 * Runs a batch over a pool of workers, one card each: the file is read on the calling thread
 * (never more than a few rows ahead of the workers, so a batch of any size streams), rows the
 * journal calls done are skipped, rejected rows are recorded, valid ones issued on blanks.
 */
public final class BatchIssuance {
    private final BatchRecords records;
    private final BlankSource blanks;
    private final CardIssuance issuance;

    public BatchIssuance(BatchRecords records, BlankSource blanks, CardIssuance issuance) {
        this.records = records;
        this.blanks = blanks;
        this.issuance = issuance;
    }

    /** The outcome of this run; {@link Outcome#complete()} when no row of the file is left undone. */
    public Outcome run(BatchFile batch, ReportedRows reported) throws IOException, InterruptedException {
        int workers = blanks.parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "perso-card");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore ahead = new Semaphore(workers * 2);
        List<Future<Boolean>> cards = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int skipped = 0;
        int undone = 0;
        try {
            while (batch.hasNext()) {
                BatchEntry entry = batch.next();
                Progress progress = records.progress(journalKey(entry));
                if (progress.done()) {
                    skipped++;
                    if (!reported.contains(journalKey(entry))) {
                        records.reportJournaled(entry, progress);
                    }
                    if (progress.step() == Step.REJECTED) {
                        undone++;
                    }
                    continue;
                }
                if (entry instanceof RejectedRow rejected) {
                    records.rejected(rejected, journalKey(entry));
                    undone++;
                } else if (entry instanceof BatchRow row) {
                    if (progress.step() == Step.VERIFIED && blanks.verifiedCards() == VerifiedCards.COME_BACK) {
                        // its card holds its verified content: finished when the feeder shows it, never issued on a blank
                        if (!records.awaitLock(row, false)) {
                            skipped++; // finished by the feed since its progress was read
                            records.reportJournaled(entry, records.progress(row.applicationId()));
                            continue;
                        }
                        ahead.acquire();
                        keys.add(row.applicationId());
                        cards.add(pool.submit(() -> {
                            try {
                                return awaitItsCard(row, false);
                            } finally {
                                ahead.release();
                            }
                        }));
                        continue;
                    }
                    if (progress.step() != Step.NOT_STARTED && progress.step() != Step.ABANDONED) {
                        records.failed(row, progress.cardSerial(), "left " + progress.step().name().toLowerCase()
                                + " by an earlier run and not recovered: recover the batch before issuing it again");
                        undone++;
                        continue;
                    }
                    ahead.acquire();
                    keys.add(row.applicationId());
                    cards.add(pool.submit(() -> {
                        try {
                            return issueOnBlank(row);
                        } finally {
                            ahead.release();
                        }
                    }));
                }
            }
            for (int i = 0; i < cards.size(); i++) {
                // a holder failed here may have been issued since, its card's LOCKs finished when the card came back
                if (!cards.get(i).get() && !records.progress(keys.get(i)).done()) {
                    undone++;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            records.finish();
        }
        return new Outcome(skipped, undone);
    }

    private boolean issueOnBlank(BatchRow row) throws IOException {
        BlankCard blank = blanks.take();
        boolean issued = false;
        try {
            issued = issuance.issue(row, blank);
        } finally {
            blanks.release(blank, issued);
        }
        if (!issued && blanks.verifiedCards() == VerifiedCards.COME_BACK && records.awaitLock(row, true)) {
            return awaitItsCard(row, true); // pulled during its LOCKs: finished once it is back
        }
        return issued;
    }

    /**
     * A holder verified on a card whose LOCKs were stopped: the feed's next card is asked for, and the
     * feed finishes that card on the way ({@link LockCompletion}). True when it was; otherwise the holder
     * is reported failed (once per run), still waiting for its card, never issued on another.
     */
    private boolean awaitItsCard(BatchRow row, boolean reportedFailed) throws IOException {
        try {
            BlankCard next = blanks.take();
            blanks.release(next, false); // left in the reader for the next holder
        } catch (IOException | RuntimeException e) {
            // no card came, or one the feed stops on: the journal says whether this holder's card was among them
        }
        Progress now = records.progress(row.applicationId());
        if (now.done()) {
            return true;
        }
        if (!reportedFailed) {
            records.failed(row, now.cardSerial(), "verified on card " + now.cardSerial() + ", whose LOCKs a pull stopped:"
                    + " put that card in the feeder and run the batch again to finish it");
        }
        return false;
    }

    /**
     * A rejected row is journaled by its line: it may have no application id, or the id of
     * another row (a duplicate), and a rerun must neither report it twice nor confuse it with that row.
     */
    public static String journalKey(BatchEntry entry) {
        return entry instanceof RejectedRow ? lineKey(entry.line()) : entry.applicationId();
    }

    static String lineKey(int line) {
        return "line:" + line;
    }

    /** Rows skipped as done by an earlier run; rows rejected or failed, in this run or before. */
    public record Outcome(int skipped, int undone) {
        public boolean complete() {
            return undone == 0;
        }
    }
}
