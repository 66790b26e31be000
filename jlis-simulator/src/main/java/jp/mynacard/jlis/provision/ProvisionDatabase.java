package jp.mynacard.jlis.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import jp.mynacard.jlis.registry.RegistryException;

/**
 * The four-attribute service's own connection to the registry's database (the same SQLite file
 * or PostgreSQL database), with its own tables. Every call is one transaction, serialised in this
 * process and committed before it returns; the service's traffic is small, so one connection does.
 */
public final class ProvisionDatabase implements AutoCloseable {
    @FunctionalInterface
    interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String url;
    private final Properties properties = new Properties();
    private final boolean sqlite;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    private ProvisionDatabase(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "jdbcUrl");
        this.sqlite = url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
    }

    /** The database of a centre whose registry is SQLite in {@code dataDir} ({@code registry.db}). */
    public static ProvisionDatabase sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the centre's data directory " + dataDir, e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("registry.db").toAbsolutePath(), null, null);
    }

    /** @param user and {@code password} may be null */
    public static ProvisionDatabase open(String jdbcUrl, String user, String password) {
        ProvisionDatabase database = new ProvisionDatabase(jdbcUrl, user, password);
        database.transaction(connection -> {
            ProvisionSchema.create(connection);
            return null;
        });
        return database;
    }

    /** Runs a transaction that writes, and commits it. */
    <T> T transaction(Transaction<T> transaction) {
        return run(transaction, true);
    }

    /** Runs reads; on SQLite without a transaction, so that no lock is held that the registry's writer would wait for. */
    <T> T read(Transaction<T> reads) {
        return run(reads, false);
    }

    private <T> T run(Transaction<T> transaction, boolean writes) {
        lock.lock();
        try {
            if (closed) {
                throw new RegistryException("the four-attribute service's database is closed");
            }
            if (connection == null) {
                connection = connect();
            }
            try {
                begin(writes);
                T result = transaction.run(connection);
                commit(writes);
                return result;
            } catch (SQLException | RuntimeException e) {
                discardAfter(e, writes);
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("the four-attribute service's database failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private Connection connect() throws SQLException {
        Connection opened = DriverManager.getConnection(url, properties);
        try {
            if (sqlite) {
                try (Statement statement = opened.createStatement()) {
                    // as the registry: WAL so both connections work side by side, FULL so a commit is durable
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                    statement.execute("PRAGMA busy_timeout=10000");
                }
            }
            // SQLite: autocommit, with explicit BEGIN IMMEDIATE for writes (xerial would otherwise begin
            // the next transaction right at commit and, immediate, hold the write lock in between)
            opened.setAutoCommit(sqlite);
            return opened;
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * A write on SQLite takes the write lock at BEGIN: a deferred transaction that read first could
     * fail with SQLITE_BUSY_SNAPSHOT, without waiting, when the registry's writer committed in between.
     */
    private void begin(boolean writes) throws SQLException {
        if (sqlite && writes) {
            execute("BEGIN IMMEDIATE");
        }
    }

    private void commit(boolean writes) throws SQLException {
        if (!sqlite) {
            connection.commit();
        } else if (writes) {
            execute("COMMIT");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rolls back; a connection that cannot even roll back is dropped and reopened on the next call. */
    private void discardAfter(Exception cause, boolean writes) {
        try {
            if (!sqlite) {
                connection.rollback();
            } else if (writes) {
                // also when BEGIN itself failed: then there is nothing to roll back, and the error drops the connection
                execute("ROLLBACK");
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // every change was committed before its call returned
                }
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
