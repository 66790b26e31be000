package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The CRL publication lock of the centre processes sharing one PostgreSQL registry, in two
 * advisory locks keyed by the registry's schema (so that registries in other schemas of the same
 * database do not contend):
 *
 * <ul>
 * <li>the lead: a session-level lock ({@code pg_try_advisory_lock}) held on a connection of its
 * own for as long as this process lives. When the process dies, its connection ends and
 * PostgreSQL releases the lock, and another process takes it at its next try;</li>
 * <li>each publication: a transaction-level lock ({@code pg_advisory_xact_lock}) on a second
 * connection, released when the publication's transaction ends, however it ends. An explicit
 * publication (after a rollover, {@code bin/jlis publish-crls}) on any process waits for the
 * leader's under way, and the other way round.</li>
 * </ul>
 *
 * The lead's connection carries the application name {@code jlis CRL leader, pid N}, so that an
 * operator (or a test) sees in {@code pg_stat_activity} and {@code pg_locks} which process leads.
 */
public final class PostgresCrlPublicationLock implements CrlPublicationLock {
    /** 'JL' and a number: the first key of the two-key advisory locks, a space of our own in the database. */
    static final int LEAD = 0x4a4c_0001;
    static final int PUBLICATION = 0x4a4c_0002;
    private static final System.Logger LOG = System.getLogger(PostgresCrlPublicationLock.class.getName());

    private final String url;
    private final Properties credentials;
    /** Apart, so that the scheduler's try for the lead does not wait for a publication under way. */
    private final Object leadMonitor = new Object();
    private final Object publicationMonitor = new Object();
    private Connection leadConnection;
    private boolean leading;
    private Connection publicationConnection;
    /** Whether the last try reached the database: the log says when that changes, not at every tick. */
    private boolean reachable = true;

    public PostgresCrlPublicationLock(String jdbcUrl, String user, String password) {
        this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    @Override
    public boolean lead() {
        synchronized (leadMonitor) {
            return tryLead();
        }
    }

    private boolean tryLead() {
        try {
            if (leadConnection != null && !leadConnection.isValid(5)) {
                // the session that held the lead is gone, and the lock with it: another process may have it now
                closeLead();
            }
            if (leadConnection == null) {
                leadConnection = connect("jlis CRL leader, pid " + ProcessHandle.current().pid());
            }
            if (!leading) {
                try (PreparedStatement tryLock = leadConnection.prepareStatement(
                        "SELECT pg_try_advisory_lock(?, hashtext(current_schema()))")) {
                    tryLock.setInt(1, LEAD);
                    try (ResultSet row = tryLock.executeQuery()) {
                        leading = row.next() && row.getBoolean(1);
                    }
                }
            }
            reached();
            return leading;
        } catch (SQLException e) {
            notReached(e);
            closeLead();
            return false;
        }
    }

    @Override
    public void exclusively(Publication publication) throws IOException {
        synchronized (publicationMonitor) {
            publishAlone(publication);
        }
    }

    private void publishAlone(Publication publication) throws IOException {
        Connection connection;
        try {
            if (publicationConnection != null && !publicationConnection.isValid(5)) {
                closeQuietly(publicationConnection);
                publicationConnection = null;
            }
            if (publicationConnection == null) {
                publicationConnection = connect("jlis CRL publication, pid " + ProcessHandle.current().pid());
                publicationConnection.setAutoCommit(false);
            }
            connection = publicationConnection;
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
                lock.setInt(1, PUBLICATION);
                lock.execute();
            }
        } catch (SQLException e) {
            closeQuietly(publicationConnection);
            publicationConnection = null;
            throw new IOException("cannot take the CRL publication lock on the registry's database: " + e.getMessage(), e);
        }
        try {
            publication.run();
        } finally {
            try {
                // ends the transaction, and the lock with it; a connection lost meanwhile released it already
                connection.rollback();
            } catch (SQLException e) {
                closeQuietly(connection);
                publicationConnection = null;
            }
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        synchronized (leadMonitor) {
            closeLead();
        }
        synchronized (publicationMonitor) {
            closeQuietly(publicationConnection);
            publicationConnection = null;
        }
    }

    private Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, properties);
    }

    private void closeLead() {
        leading = false;
        closeQuietly(leadConnection);
        leadConnection = null;
    }

    private void reached() {
        if (!reachable) {
            reachable = true;
            LOG.log(Level.INFO, "the CRL publication lock reached the database again");
        }
    }

    private void notReached(SQLException e) {
        if (reachable) {
            reachable = false;
            LOG.log(Level.WARNING, "the CRL publication lock cannot reach the database (" + e.getMessage()
                    + "): this process does not publish CRLs on schedule until it is back");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing one that failed
            }
        }
    }
}
