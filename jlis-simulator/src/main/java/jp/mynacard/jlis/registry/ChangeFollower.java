package jp.mynacard.jlis.registry;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.postgresql.PGConnection;

/**
 * Keeps a registry's in-memory view (the not-good index, the good-record cache, the sequence)
 * up to date with the changes other centre processes commit to the same PostgreSQL database. It
 * wakes at once on their {@code NOTIFY}, and catches up every {@code period} whatever happens,
 * since a notification sent while it was reconnecting is lost: a change committed through any
 * process is in this one's OCSP answers within one period plus one catch-up query.
 *
 * <p>On its own connection, so that a lost database shows here first: it says so once, tries again
 * every period, says once that the database is back, and catches up from the last change it
 * applied, so nothing is skipped.
 */
public final class ChangeFollower implements AutoCloseable {
    /** The channel a writing transaction notifies ({@link SqlDialect#announceChange}). */
    static final String CHANNEL = "jlis_certificate_change";
    private static final System.Logger LOG = System.getLogger(ChangeFollower.class.getName());
    /** A query that hangs longer than this on a silent network is given up, and the connection made anew. */
    private static final int NETWORK_TIMEOUT_MILLIS = 30_000;

    @FunctionalInterface
    interface CatchUp {
        /** Applies the changes committed since the last one applied; answers how many. */
        long run(Connection connection) throws SQLException;
    }

    private final ReaderConnections.Opener opener;
    private final CatchUp catchUp;
    private final Duration period;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    /** Whether the last attempt reached the database: the log says when that changes, not at every poll. */
    private boolean reachable = true;

    private ChangeFollower(ReaderConnections.Opener opener, CatchUp catchUp, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the follow interval must be positive, not " + period);
        }
        this.opener = opener;
        this.catchUp = catchUp;
        this.period = period;
        this.thread = new Thread(this::follow, "registry-change-follower");
        thread.setDaemon(true);
    }

    static ChangeFollower start(ReaderConnections.Opener opener, CatchUp catchUp, Duration period) {
        ChangeFollower follower = new ChangeFollower(opener, catchUp, period);
        follower.thread.start();
        return follower;
    }

    /** The longest a change committed elsewhere takes to reach this process's answers, the catch-up query aside. */
    public Duration period() {
        return period;
    }

    private void follow() {
        int waitMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, period.toMillis()));
        try {
            followUntilClosed(waitMillis);
        } finally {
            dropConnection();
        }
    }

    private void followUntilClosed(int waitMillis) {
        while (!closed) {
            try {
                if (connection == null) {
                    connection = listening();
                    // whatever was committed while no one listened
                    long applied = catchUp.run(connection);
                    wasReached(applied);
                }
                connection.unwrap(PGConnection.class).getNotifications(waitMillis);
                catchUp.run(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                dropConnection();
                wasNotReached(e);
                pause(waitMillis);
            }
        }
    }

    private Connection listening() throws SQLException {
        Connection opened = opener.open();
        try {
            Executor direct = Runnable::run;
            opened.setNetworkTimeout(direct, NETWORK_TIMEOUT_MILLIS);
            try (Statement listen = opened.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            return opened;
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private void wasReached(long applied) {
        if (!reachable) {
            reachable = true;
            LOG.log(Level.INFO, "the registry's change feed reached the database again and caught up (" + applied
                    + " changes applied)");
        }
    }

    private void wasNotReached(Exception e) {
        if (reachable) {
            reachable = false;
            LOG.log(Level.WARNING, "the registry's change feed cannot reach the database (" + e.getMessage()
                    + "): changes made through other processes reach this one's OCSP answers only once it is back;"
                    + " trying again every " + period.toMillis() + " ms");
        }
    }

    private void dropConnection() {
        Connection broken = connection;
        connection = null;
        if (broken != null) {
            try {
                broken.close();
            } catch (SQLException ignored) {
                // it already failed
            }
        }
    }

    private void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() interrupts: the loop looks at closed next
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        dropConnection();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
