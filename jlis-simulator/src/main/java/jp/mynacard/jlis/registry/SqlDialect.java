package jp.mynacard.jlis.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the two databases the registry runs on; every query is the same SQL.
 * Only the binary column type, the per-connection durability settings and how a cursor is made
 * to stream differ.
 */
enum SqlDialect {
    SQLITE("BLOB") {
        @Override
        void configure(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // WAL lets OCSP reads run while the writer commits; FULL fsyncs the WAL on every commit
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                        throw new SQLException("SQLite refused write-ahead logging for the registry");
                    }
                }
                statement.execute("PRAGMA synchronous=FULL");
                // readers and the writer of one process wait for each other's locks instead of failing
                statement.execute("PRAGMA busy_timeout=10000");
            }
        }

        @Override
        void beginStreaming(Connection connection) {
            // SQLite steps its cursor row by row already, in or out of a transaction
        }

        @Override
        boolean mayRetry(SQLException e) {
            // SQLITE_BUSY (5), with its extended codes in the low byte: a transaction that read before
            // another connection to the file (the provision database's) wrote cannot upgrade its stale
            // snapshot, and busy_timeout does not wait for that; rolled back, it can run again
            return (e.getErrorCode() & 0xFF) == SQLITE_BUSY;
        }
    },
    POSTGRESQL("BYTEA") {
        @Override
        void configure(Connection connection) {
            // PostgreSQL's defaults (synchronous_commit=on) already make a commit durable
        }

        @Override
        void beginStreaming(Connection connection) throws SQLException {
            // the driver only uses a server-side cursor (honours the fetch size) inside a transaction
            connection.setAutoCommit(false);
        }

        @Override
        void announceChange(Connection connection) throws SQLException {
            // delivered when (and only if) the transaction commits; repeats within one are delivered once
            try (Statement statement = connection.createStatement()) {
                statement.execute("NOTIFY " + ChangeFollower.CHANNEL);
            }
        }
    };

    private static final int SQLITE_BUSY = 5;

    private final String binaryType;

    /** Whether a transaction that failed this way may simply be run again after its rollback. */
    boolean mayRetry(SQLException e) {
        // PostgreSQL: serialization failure, deadlock detected
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    SqlDialect(String binaryType) {
        this.binaryType = binaryType;
    }

    static SqlDialect forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("the registry runs on SQLite (jdbc:sqlite:) or PostgreSQL "
                + "(jdbc:postgresql:), not " + jdbcUrl.replaceAll("\\?.*", "?…"));
    }

    /** The column type for the DER certificates. */
    String binaryType() {
        return binaryType;
    }

    /** Run once on each new connection. */
    abstract void configure(Connection connection) throws SQLException;

    /** Prepares a connection so that a query with a fetch size streams instead of loading every row. */
    abstract void beginStreaming(Connection connection) throws SQLException;

    /**
     * Inside a transaction that changed certificates: wakes the {@link ChangeFollower}s of other
     * processes when it commits. Nothing on SQLite, which one process writes.
     */
    void announceChange(Connection connection) throws SQLException {
    }
}
