package jp.mynacard.jlis.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The revocation registry over JDBC, on SQLite (one file per centre) or PostgreSQL, with the same
 * SQL. Every change is one transaction on the single writer connection, serialised in this
 * process; a call returns after its commit. Lookups read through {@link NotGoodIndex} (every
 * suspended or revoked certificate), then {@link GoodRecordCache}, then an indexed point query.
 *
 * <p>One centre process per database: the in-memory index only sees this process's changes.
 */
public final class JdbcRevocationRegistry implements RevocationRegistry {
    static final int DEFAULT_GOOD_CACHE = 100_000;
    private static final int READERS = 4;
    private static final int FETCH_SIZE = 512;

    private final String url;
    private final Properties credentials;
    private final SqlDialect dialect;
    /** A transaction the database refused for contention (see {@link SqlDialect#mayRetry}) runs again, this often at most. */
    private static final int MAX_ATTEMPTS = 50;
    private static final long RETRY_PAUSE_MILLIS = 5;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReaderConnections readers;
    private final NotGoodIndex notGood = new NotGoodIndex();
    private final GoodRecordCache goodCache;
    private final AtomicLong sequence = new AtomicLong();
    private Connection writer;
    private volatile boolean closed;

    /** The registry of a centre whose data lives in {@code dataDir}: the file {@code registry.db}. */
    public static JdbcRevocationRegistry sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the centre's data directory " + dataDir, e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("registry.db").toAbsolutePath(), null, null);
    }

    /** @param user and {@code password} may be null (SQLite, or PostgreSQL with peer authentication) */
    public static JdbcRevocationRegistry open(String jdbcUrl, String user, String password) {
        return new JdbcRevocationRegistry(jdbcUrl, user, password, DEFAULT_GOOD_CACHE);
    }

    JdbcRevocationRegistry(String jdbcUrl, String user, String password, int goodCacheCapacity) {
        this.url = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.dialect = SqlDialect.forUrl(jdbcUrl);
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.goodCache = new GoodRecordCache(goodCacheCapacity);
        this.readers = new ReaderConnections(this::connect, READERS);
        try {
            writer = connect();
            writer.setAutoCommit(false);
            RegistrySchema.create(writer, dialect);
            sequence.set(counterValue(writer, RegistrySchema.SEQUENCE_COUNTER));
            writer.commit();
            loadNotGoodIndex();
        } catch (SQLException e) {
            close();
            throw failure("cannot open the revocation registry", e);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, credentials);
        try {
            dialect.configure(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void loadNotGoodIndex() throws SQLException {
        dialect.beginStreaming(writer);
        try (PreparedStatement query = writer.prepareStatement("SELECT " + RecordColumns.RECORD_COLUMNS
                + " FROM certificate WHERE state <> 'GOOD'")) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    notGood.put(RecordColumns.record(rows));
                }
            }
        } finally {
            writer.commit();
        }
    }

    @Override
    public CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] certificateDer) {
        checkKey(usage, serial);
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial number is positive, not " + serial);
        }
        Objects.requireNonNull(notAfter, "notAfter");
        if (certificateDer == null || certificateDer.length == 0) {
            throw new IllegalArgumentException("the issued certificate's DER is missing");
        }
        return write(connection -> {
            if (select(connection, usage, serial) != null) {
                throw new RegistryException("the " + usage.displayName() + " CA already issued a certificate with "
                        + "serial " + TransitionRules.hex(serial) + "; a serial number is never reused");
            }
            long seq = nextSequence(connection);
            CertificateRecord issued = new CertificateRecord(usage, serial, CertificateState.GOOD, null, null, null,
                    RecordColumns.stored(notAfter), seq);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificate ("
                    + RecordColumns.RECORD_COLUMNS + ", der, " + PublicKeyColumn.COLUMN
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, RecordColumns.ca(usage));
                insert.setString(2, RecordColumns.serial(serial));
                insert.setString(3, CertificateState.GOOD.name());
                RecordColumns.setReason(insert, 4, null);
                RecordColumns.setInstant(insert, 5, null);
                RecordColumns.setInstant(insert, 6, null);
                RecordColumns.setInstant(insert, 7, notAfter);
                insert.setLong(8, seq);
                insert.setBytes(9, certificateDer);
                insert.setString(10, PublicKeyDigest.ofCertificate(certificateDer).orElse(null));
                insert.executeUpdate();
            }
            logChange(connection, issued);
            return new Change(issued, true);
        });
    }

    @Override
    public CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        checkKey(usage, serial);
        Objects.requireNonNull(at, "at");
        return write(connection -> {
            CertificateRecord current = existing(connection, usage, serial);
            if (!TransitionRules.suspensionNeeded(current)) {
                return new Change(current, false);
            }
            return update(connection, current, CertificateState.SUSPENDED, RevocationReason.CERTIFICATE_HOLD, at, null);
        });
    }

    @Override
    public CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason, Instant at,
            Instant invalidityDate) {
        checkKey(usage, serial);
        TransitionRules.checkReason(usage, reason);
        Objects.requireNonNull(at, "at");
        return write(connection -> {
            CertificateRecord current = existing(connection, usage, serial);
            if (!TransitionRules.revocationNeeded(current, reason)) {
                return new Change(current, false);
            }
            return update(connection, current, CertificateState.REVOKED, reason, at, invalidityDate);
        });
    }

    @Override
    public Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        checkKey(usage, serial);
        CertificateKey key = new CertificateKey(usage, serial);
        CertificateRecord known = notGood.get(key);
        if (known == null) {
            known = goodCache.get(key);
        }
        if (known != null) {
            return Optional.of(known);
        }
        CertificateRecord stored = read(connection -> select(connection, usage, serial));
        if (stored != null) {
            goodCache.put(stored);
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial) {
        checkKey(usage, serial);
        return Optional.ofNullable(read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT der FROM certificate WHERE ca = ? AND serial = ?")) {
                query.setString(1, RecordColumns.ca(usage));
                query.setString(2, RecordColumns.serial(serial));
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getBytes(1) : null;
                }
            }
        }));
    }

    @Override
    public List<CertificateRecord> findByPublicKey(String publicKeySha256) {
        String digest = PublicKeyDigest.parse(publicKeySha256);
        // straight from the table: the answer must hold every certificate, good or not, as committed
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + RecordColumns.RECORD_COLUMNS
                    + " FROM certificate WHERE " + PublicKeyColumn.COLUMN + " = ? ORDER BY change_seq")) {
                query.setString(1, digest);
                List<CertificateRecord> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(RecordColumns.record(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public long currentSequence() {
        return sequence.get();
    }

    @Override
    public void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(entries, "entries");
        if (after < 0) {
            throw new IllegalArgumentException("after is a change sequence, 0 or more, not " + after);
        }
        read(connection -> {
            dialect.beginStreaming(connection);
            // the latest change ≤ upTo of each certificate: no later change of it within the range
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT c.serial, c.reason_code, c.revoked_at, c.invalidity_date FROM certificate_change c "
                            + "WHERE c.ca = ? AND c.change_seq > ? AND c.change_seq <= ? AND c.state <> 'GOOD' "
                            + "AND NOT EXISTS (SELECT 1 FROM certificate_change later WHERE later.ca = c.ca "
                            + "AND later.serial = c.serial AND later.change_seq > c.change_seq "
                            + "AND later.change_seq <= ?)")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, RecordColumns.ca(usage));
                query.setLong(2, after);
                query.setLong(3, upTo);
                query.setLong(4, upTo);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.accept(RecordColumns.revokedEntry(rows));
                    }
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    @Override
    public BigInteger nextCrlNumber(CertificateUsage usage) {
        Objects.requireNonNull(usage, "usage");
        long number = transact(connection -> increment(connection, RegistrySchema.crlNumberCounter(usage)), n -> { });
        return BigInteger.valueOf(number);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
            readers.close();
            if (writer != null) {
                try {
                    writer.rollback();
                    writer.close();
                } catch (SQLException ignored) {
                    // nothing uncommitted is lost: every change was committed before its call returned
                }
                writer = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** What a write transaction did: {@code changed} says whether a new change was committed. */
    private record Change(CertificateRecord record, boolean changed) {
    }

    @FunctionalInterface
    private interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private CertificateRecord write(Transaction<Change> transaction) {
        Change change = transact(transaction, committed -> {
            if (committed.changed()) {
                published(committed.record());
            }
        });
        return change.record();
    }

    /**
     * Runs one transaction on the writer connection and commits it. {@code afterCommit} runs still
     * holding the write lock, so the in-memory index sees changes in their commit order.
     */
    private <T> T transact(Transaction<T> transaction, Consumer<T> afterCommit) {
        writeLock.lock();
        try {
            if (closed) {
                throw new RegistryException("the revocation registry is closed");
            }
            if (writer == null) {
                // the previous writer connection failed; PostgreSQL may have restarted since
                writer = connect();
                writer.setAutoCommit(false);
            }
            T result;
            for (int attempt = 1; ; attempt++) {
                try {
                    result = transaction.run(writer);
                    writer.commit();
                    break;
                } catch (SQLException e) {
                    rollbackAfter(e);
                    if (attempt == MAX_ATTEMPTS || !dialect.mayRetry(e)) {
                        throw e;
                    }
                    pauseBeforeRetry(attempt);
                    if (writer == null) {
                        // SQLite may have ended the transaction itself, so the rollback found none
                        writer = connect();
                        writer.setAutoCommit(false);
                    }
                } catch (RuntimeException e) {
                    rollbackAfter(e);
                    throw e;
                }
            }
            afterCommit.accept(result);
            return result;
        } catch (SQLException e) {
            throw failure("the revocation registry could not record the change", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** A few milliseconds, growing: the other connection's write transaction is short. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(RETRY_PAUSE_MILLIS * attempt, 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while retrying a registry write");
        }
    }

    private void rollbackAfter(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            try {
                writer.close();
            } catch (SQLException ignored) {
                // already broken
            }
            writer = null;
        }
    }

    /** Makes a committed change visible to lookups before the writing call returns. */
    private void published(CertificateRecord record) {
        CertificateKey key = new CertificateKey(record.usage(), record.serial());
        if (record.state() == CertificateState.GOOD) {
            goodCache.put(record);
        } else {
            notGood.put(record);
            goodCache.remove(key);
        }
        sequence.accumulateAndGet(record.sequence(), Math::max);
    }

    private <T> T read(Transaction<T> transaction) {
        try {
            Connection connection = readers.borrow();
            boolean healthy = false;
            try {
                T result = transaction.run(connection);
                healthy = true;
                return result;
            } finally {
                readers.giveBack(connection, healthy);
            }
        } catch (SQLException e) {
            throw failure("the revocation registry could not be read", e);
        }
    }

    private Change update(Connection connection, CertificateRecord current, CertificateState state,
            RevocationReason reason, Instant at, Instant invalidityDate) throws SQLException {
        long seq = nextSequence(connection);
        CertificateRecord changed = new CertificateRecord(current.usage(), current.serial(), state, reason,
                RecordColumns.stored(at), RecordColumns.stored(invalidityDate), current.notAfter(), seq);
        try (PreparedStatement update = connection.prepareStatement("UPDATE certificate SET state = ?, "
                + "reason_code = ?, revoked_at = ?, invalidity_date = ?, change_seq = ? WHERE ca = ? AND serial = ?")) {
            update.setString(1, state.name());
            RecordColumns.setReason(update, 2, reason);
            RecordColumns.setInstant(update, 3, at);
            RecordColumns.setInstant(update, 4, invalidityDate);
            update.setLong(5, seq);
            update.setString(6, RecordColumns.ca(current.usage()));
            update.setString(7, RecordColumns.serial(current.serial()));
            if (update.executeUpdate() != 1) {
                throw new SQLException("certificate row vanished during its own transaction");
            }
        }
        logChange(connection, changed);
        return new Change(changed, true);
    }

    private static void logChange(Connection connection, CertificateRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificate_change (change_seq, ca, "
                + "serial, state, reason_code, revoked_at, invalidity_date) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, record.sequence());
            insert.setString(2, RecordColumns.ca(record.usage()));
            insert.setString(3, RecordColumns.serial(record.serial()));
            insert.setString(4, record.state().name());
            RecordColumns.setReason(insert, 5, record.reason());
            RecordColumns.setInstant(insert, 6, record.revokedAt());
            RecordColumns.setInstant(insert, 7, record.invalidityDate());
            insert.executeUpdate();
        }
    }

    private static CertificateRecord existing(Connection connection, CertificateUsage usage, BigInteger serial)
            throws SQLException {
        CertificateRecord current = select(connection, usage, serial);
        if (current == null) {
            throw new UnknownCertificateException(usage, serial);
        }
        return current;
    }

    private static CertificateRecord select(Connection connection, CertificateUsage usage, BigInteger serial)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + RecordColumns.RECORD_COLUMNS
                + " FROM certificate WHERE ca = ? AND serial = ?")) {
            query.setString(1, RecordColumns.ca(usage));
            query.setString(2, RecordColumns.serial(serial));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? RecordColumns.record(row) : null;
            }
        }
    }

    private static long nextSequence(Connection connection) throws SQLException {
        return increment(connection, RegistrySchema.SEQUENCE_COUNTER);
    }

    /** The update takes the counter's row lock first, so concurrent writers queue here. */
    private static long increment(Connection connection, String counter) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE registry_counter SET counter_value = counter_value + 1 WHERE name = ?")) {
            update.setString(1, counter);
            if (update.executeUpdate() != 1) {
                throw new SQLException("registry counter " + counter + " is missing");
            }
        }
        return counterValue(connection, counter);
    }

    private static long counterValue(Connection connection, String counter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT counter_value FROM registry_counter WHERE name = ?")) {
            query.setString(1, counter);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("registry counter " + counter + " is missing");
                }
                return row.getLong(1);
            }
        }
    }

    private static void checkKey(CertificateUsage usage, BigInteger serial) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(serial, "serial");
    }

    private static RegistryException failure(String what, SQLException e) {
        return new RegistryException(what + ": " + e.getMessage(), e);
    }
}
