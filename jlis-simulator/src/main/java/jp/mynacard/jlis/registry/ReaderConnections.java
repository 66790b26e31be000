package jp.mynacard.jlis.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A few read-only connections shared by concurrent lookups and CRL streams; the writer has its
 * own. Bounded, so that an OCSP burst cannot open a connection per request. A connection that
 * failed is closed instead of being reused.
 */
final class ReaderConnections implements AutoCloseable {
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    ReaderConnections(Opener opener, int size) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Connection borrow() throws SQLException {
        permits.acquireUninterruptibly();
        try {
            if (closed) {
                throw new SQLException("the revocation registry is closed");
            }
            Connection connection = idle.poll();
            if (connection == null) {
                connection = opener.open();
                synchronized (all) {
                    all.add(connection);
                }
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** @param healthy false after an error: the connection is closed, the next borrower opens a new one */
    void giveBack(Connection connection, boolean healthy) {
        try {
            if (healthy && !closed && connection.getAutoCommit()) {
                idle.add(connection);
            } else {
                discard(connection);
            }
        } catch (SQLException e) {
            discard(connection);
        } finally {
            permits.release();
        }
    }

    private void discard(Connection connection) {
        synchronized (all) {
            all.remove(connection);
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being thrown away because it already failed
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing the registry: nothing left to do with it
                }
            }
            all.clear();
        }
        idle.clear();
    }
}
