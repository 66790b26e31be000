package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link CrlPublisher} on its intervals: a full CRL when the last one is due (at once
 * after a restart that missed it), a delta CRL every delta interval. A failed publication is
 * logged and retried at the next run, since the files already published stay valid until their
 * nextUpdate.
 */
public final class CrlSchedule implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CrlSchedule.class.getName());

    private final List<ScheduledFuture<?>> runs;
    private final ScheduledExecutorService ownExecutor;

    private CrlSchedule(List<ScheduledFuture<?>> runs, ScheduledExecutorService ownExecutor) {
        this.runs = runs;
        this.ownExecutor = ownExecutor;
    }

    /** Schedules on the caller's executor, which it keeps and shuts down itself. */
    public static CrlSchedule start(CrlPublisher publisher, ScheduledExecutorService executor) {
        return start(publisher, executor, null);
    }

    /** Schedules on a daemon thread of its own, stopped by {@link #close()}. */
    public static CrlSchedule start(CrlPublisher publisher) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "crl-publisher");
            thread.setDaemon(true);
            return thread;
        });
        return start(publisher, executor, executor);
    }

    private static CrlSchedule start(CrlPublisher publisher, ScheduledExecutorService executor,
            ScheduledExecutorService own) {
        CrlIntervals intervals = publisher.intervals();
        Duration untilFull = publisher.untilNextFull();
        // a full CRL due now brings its own delta; otherwise refresh the delta at once after a restart
        Duration untilDelta = untilFull.isZero() ? intervals.delta() : Duration.ZERO;
        ScheduledFuture<?> full = executor.scheduleAtFixedRate(() -> run("full", publisher::publishNow),
                untilFull.toMillis(), intervals.full().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> delta = executor.scheduleAtFixedRate(() -> run("delta", publisher::publishDeltas),
                untilDelta.toMillis(), intervals.delta().toMillis(), TimeUnit.MILLISECONDS);
        return new CrlSchedule(List.of(full, delta), own);
    }

    @Override
    public void close() {
        runs.forEach(run -> run.cancel(false));
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** A task that throws would never run again under scheduleAtFixedRate, so nothing escapes. */
    private static void run(String kind, Publication publication) {
        try {
            publication.publish();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "publishing the " + kind + " CRLs failed; trying again at the next run", e);
        }
    }

    private interface Publication {
        void publish() throws IOException;
    }
}
