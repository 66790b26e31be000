package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link CrlPublisher} on its intervals: a full CRL when the last one is due (at once
 * after a restart that missed it), a delta CRL every delta interval. A failed publication is
 * logged and retried at the next run, since the files already published stay valid until their
 * nextUpdate.
 *
 * <p>Of the processes sharing a registry, only the one that leads ({@link CrlPublisher#leads})
 * publishes on schedule. The others try for the lead every {@link #TAKEOVER_TRY} (or delta interval,
 * if shorter): the leader's death frees it, and the process that takes it publishes at once, since
 * the leader may have died just before its own run.
 */
public final class CrlSchedule implements AutoCloseable {
    /** Longer than a million-entry CRL takes to write (about 8 s on 2 cores). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    /** How often a process that does not lead tries to take the lead. */
    public static final Duration TAKEOVER_TRY = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(CrlSchedule.class.getName());

    private final CrlPublisher publisher;
    private final ScheduledExecutorService ownExecutor;
    private final AtomicBoolean leading;
    private final List<ScheduledFuture<?>> runs = new ArrayList<>();

    private CrlSchedule(CrlPublisher publisher, ScheduledExecutorService ownExecutor) {
        this.publisher = publisher;
        this.ownExecutor = ownExecutor;
        this.leading = new AtomicBoolean(publisher.leads());
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
        CrlSchedule schedule = new CrlSchedule(publisher, own);
        CrlIntervals intervals = publisher.intervals();
        Duration untilFull = publisher.untilNextFull();
        // a full CRL due now brings its own delta; otherwise refresh the delta at once after a restart
        Duration untilDelta = untilFull.isZero() ? intervals.delta() : Duration.ZERO;
        synchronized (schedule.runs) {
            schedule.runs.add(executor.scheduleAtFixedRate(() -> schedule.run("full", publisher::publishNow),
                    untilFull.toMillis(), intervals.full().toMillis(), TimeUnit.MILLISECONDS));
            schedule.runs.add(executor.scheduleAtFixedRate(() -> schedule.run("delta", publisher::publishDeltas),
                    untilDelta.toMillis(), intervals.delta().toMillis(), TimeUnit.MILLISECONDS));
            if (publisher.sharesPublication()) {
                long tryMillis = Math.min(TAKEOVER_TRY.toMillis(), intervals.delta().toMillis());
                schedule.runs.add(executor.scheduleAtFixedRate(schedule::tryToLead, tryMillis, tryMillis,
                        TimeUnit.MILLISECONDS));
            }
        }
        return schedule;
    }

    /** Whether this process led the publication at its last try. */
    public boolean leading() {
        return leading.get();
    }

    @Override
    public void close() {
        synchronized (runs) {
            runs.forEach(run -> run.cancel(false));
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            // a publication under way finishes before the caller closes the registry it reads
            try {
                if (!ownExecutor.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "a CRL publication still runs " + CLOSE_WAIT.toSeconds()
                            + " s after the centre began to stop; its files stay as they were");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A task that throws would never run again under scheduleAtFixedRate, so nothing escapes. */
    private void run(String kind, Publication publication) {
        if (leads()) {
            publish(kind, publication);
        }
    }

    private void tryToLead() {
        boolean before = leading.get();
        if (leads() && !before) {
            publish("taken-over", publisher.untilNextFull().isZero() ? publisher::publishNow : publisher::publishDeltas);
        }
    }

    private boolean leads() {
        boolean now = publisher.leads();
        boolean before = leading.getAndSet(now);
        if (now && !before) {
            LOG.log(Level.INFO, "this process leads the CRL publication now");
        } else if (!now && before) {
            LOG.log(Level.WARNING, "this process no longer leads the CRL publication; it tries again every "
                    + Math.min(TAKEOVER_TRY.toMillis(), publisher.intervals().delta().toMillis()) + " ms");
        }
        return now;
    }

    private static void publish(String kind, Publication publication) {
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
