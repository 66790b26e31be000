package jp.mynacard.perso.cli;

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

/**
 * Runs a batch over a pool of workers, one card each: the file is read on the calling thread
 * (never more than a few rows ahead of the workers, so a batch of any size streams), rows the
 * journal calls done are skipped, rejected rows are recorded, valid ones issued on blanks.
 */
final class BatchIssuance {
    private final BatchRecords records;
    private final BlankCards blanks;
    private final CardIssuance issuance;

    BatchIssuance(BatchRecords records, BlankCards blanks, CardIssuance issuance) {
        this.records = records;
        this.blanks = blanks;
        this.issuance = issuance;
    }

    /** The outcome of this run; {@link Outcome#complete()} when no row of the file is left undone. */
    Outcome run(BatchFile batch, ReportedRows reported) throws IOException, InterruptedException {
        int workers = blanks.parallelism();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "perso-card");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore ahead = new Semaphore(workers * 2);
        List<Future<Boolean>> cards = new ArrayList<>();
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
                    if (progress.step() != Step.NOT_STARTED && progress.step() != Step.ABANDONED) {
                        records.failed(row, progress.cardSerial(), "left " + progress.step().name().toLowerCase()
                                + " by an earlier run and not recovered: recover the batch before issuing it again");
                        undone++;
                        continue;
                    }
                    ahead.acquire();
                    cards.add(pool.submit(() -> {
                        try {
                            return issueOnBlank(row);
                        } finally {
                            ahead.release();
                        }
                    }));
                }
            }
            for (Future<Boolean> card : cards) {
                if (!card.get()) {
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
            return issued;
        } finally {
            blanks.release(blank, issued);
        }
    }

    /**
     * A rejected row is journaled by its line: it may have no application id, or the id of
     * another row (a duplicate), and a rerun must neither report it twice nor confuse it with that row.
     */
    static String journalKey(BatchEntry entry) {
        return entry instanceof RejectedRow ? lineKey(entry.line()) : entry.applicationId();
    }

    static String lineKey(int line) {
        return "line:" + line;
    }

    /** Rows skipped as done by an earlier run; rows rejected or failed, in this run or before. */
    record Outcome(int skipped, int undone) {
        boolean complete() {
            return undone == 0;
        }
    }
}
