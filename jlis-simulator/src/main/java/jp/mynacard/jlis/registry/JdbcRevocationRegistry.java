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
import java.time.Duration;
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
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * The revocation registry over JDBC, on SQLite (one file per centre) or PostgreSQL, with the same
 * SQL. Every change is one transaction on the single writer connection, serialised in this
 * process; a call returns after its commit. Lookups read through {@link NotGoodIndex} (every
 * suspended or revoked certificate), then {@link GoodRecordCache}, then an indexed point query.
 *
 * <p>Several centre processes may share a PostgreSQL registry: their writes queue on the counter
 * row, and each process applies the others' changes to its in-memory view with {@link #catchUp()},
 * which {@link #follow} calls on every notification and at least every period. A SQLite registry is
 * one process's.
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
    /** Every change up to this sequence is in the in-memory view: the change feed goes on after it. */
    private final AtomicLong followed = new AtomicLong();
    private final ReentrantLock followLock = new ReentrantLock();
    /** When (System.nanoTime) the in-memory view was last known complete: the start of the last catch-up, or the open. */
    private volatile long viewCompleteAt = System.nanoTime();
    /** How stale the view may grow before a good answer is read from the database again; 0 while nothing is followed. */
    private volatile long stalenessLimitNanos;
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
            viewCompleteAt = System.nanoTime();
            RegistrySchema.create(writer, dialect);
            sequence.set(counterValue(writer, RegistrySchema.SEQUENCE_COUNTER));
            writer.commit();
            // read before the index is loaded: a change committed in between is loaded and then followed, never missed
            followed.set(sequence.get());
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
        NewCertificate certificate = new NewCertificate(serial, notAfter, certificateDer);
        return write(connection -> Change.of(insertIssued(connection, usage, certificate)));
    }

    @Override
    public CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        checkKey(usage, serial);
        Objects.requireNonNull(at, "at");
        return write(connection -> {
            CertificateRecord current = existing(connection, usage, serial);
            if (!TransitionRules.suspensionNeeded(current)) {
                return Change.none(current);
            }
            return Change.of(update(connection, current, CertificateState.SUSPENDED, RevocationReason.CERTIFICATE_HOLD,
                    at, null));
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
                return Change.none(current);
            }
            CertificateRecord revoked = update(connection, current, CertificateState.REVOKED, reason, at, invalidityDate);
            List<CertificateRecord> changed = new ArrayList<>(List.of(revoked));
            if (usage == CertificateUsage.SIGNATURE) {
                for (SmartphoneLink phone : SmartphoneLinkTable.ofCard(connection, serial)) {
                    changed.addAll(revokePhone(connection, phone, PHONE_REVOKED_WITH_CARD, at));
                }
            }
            return new Change(revoked, changed);
        });
    }

    @Override
    public SmartphoneLink recordSmartphoneIssued(BigInteger cardSignatureSerial, SmartphonePlatform platform,
            NewCertificate authentication, NewCertificate signature, Instant at) {
        checkKey(CertificateUsage.SIGNATURE, cardSignatureSerial);
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(at, "at");
        SmartphoneLink link = new SmartphoneLink(cardSignatureSerial, platform, authentication.serial(),
                signature.serial(), RecordColumns.stored(at));
        write(connection -> {
            CertificateRecord card = existing(connection, CertificateUsage.SIGNATURE, cardSignatureSerial);
            if (SmartphoneLinkTable.ofPhoneCertificate(connection, CertificateUsage.SIGNATURE, cardSignatureSerial) != null) {
                throw new InvalidTransitionException(TransitionRules.describe(card) + " is a phone's: only a card's "
                        + "signature certificate vouches for a phone");
            }
            if (card.state() != CertificateState.GOOD) {
                throw new InvalidTransitionException(TransitionRules.describe(card) + " is "
                        + card.state().name().toLowerCase(java.util.Locale.ROOT) + " (" + card.reason().rfcName()
                        + "): it cannot vouch for a phone");
            }
            List<CertificateRecord> changed = new ArrayList<>();
            for (SmartphoneLink earlier : SmartphoneLinkTable.ofCard(connection, cardSignatureSerial)) {
                if (earlier.platform() == platform) {
                    changed.addAll(revokePhone(connection, earlier, PHONE_REPLACED, at));
                }
            }
            changed.add(insertIssued(connection, CertificateUsage.USER_AUTHENTICATION, authentication));
            CertificateRecord sign = insertIssued(connection, CertificateUsage.SIGNATURE, signature);
            changed.add(sign);
            SmartphoneLinkTable.insert(connection, link, sign.sequence());
            return new Change(sign, changed);
        });
        return link;
    }

    @Override
    public List<SmartphoneLink> smartphonesOf(BigInteger cardSignatureSerial) {
        checkKey(CertificateUsage.SIGNATURE, cardSignatureSerial);
        return read(connection -> SmartphoneLinkTable.ofCard(connection, cardSignatureSerial));
    }

    @Override
    public Optional<SmartphoneLink> smartphoneLinkOf(CertificateUsage usage, BigInteger serial) {
        checkKey(usage, serial);
        return Optional.ofNullable(read(connection -> SmartphoneLinkTable.ofPhoneCertificate(connection, usage, serial)));
    }

    /** Revokes both certificates of a phone pair, each unless already revoked (a phone reported lost keeps its reason). */
    private List<CertificateRecord> revokePhone(Connection connection, SmartphoneLink phone, RevocationReason reason,
            Instant at) throws SQLException {
        List<CertificateRecord> changed = new ArrayList<>();
        for (CertificateRecord current : List.of(
                existing(connection, CertificateUsage.USER_AUTHENTICATION, phone.authenticationSerial()),
                existing(connection, CertificateUsage.SIGNATURE, phone.signatureSerial()))) {
            if (current.state() != CertificateState.REVOKED) {
                changed.add(update(connection, current, CertificateState.REVOKED, reason, at, null));
            }
        }
        return changed;
    }

    private CertificateRecord insertIssued(Connection connection, CertificateUsage usage, NewCertificate certificate)
            throws SQLException {
        BigInteger serial = certificate.serial();
        if (select(connection, usage, serial) != null) {
            throw new RegistryException("the " + usage.displayName() + " CA already issued a certificate with "
                    + "serial " + TransitionRules.hex(serial) + "; a serial number is never reused");
        }
        long seq = nextSequence(connection);
        CertificateRecord issued = new CertificateRecord(usage, serial, CertificateState.GOOD, null, null, null,
                RecordColumns.stored(certificate.notAfter()), seq);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificate ("
                + RecordColumns.RECORD_COLUMNS + ", der, " + PublicKeyColumn.COLUMN
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, RecordColumns.ca(usage));
            insert.setString(2, RecordColumns.serial(serial));
            insert.setString(3, CertificateState.GOOD.name());
            RecordColumns.setReason(insert, 4, null);
            RecordColumns.setInstant(insert, 5, null);
            RecordColumns.setInstant(insert, 6, null);
            RecordColumns.setInstant(insert, 7, certificate.notAfter());
            insert.setLong(8, seq);
            insert.setBytes(9, certificate.der());
            insert.setString(10, PublicKeyDigest.ofCertificate(certificate.der()).orElse(null));
            insert.executeUpdate();
        }
        logChange(connection, issued);
        return issued;
    }

    @Override
    public Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        checkKey(usage, serial);
        CertificateKey key = new CertificateKey(usage, serial);
        CertificateRecord known = notGood.get(key);
        if (known == null && viewIsFresh()) {
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

    /**
     * Applies the changes other processes committed to this database since the last one applied,
     * exactly as this process's own writes are applied; answers how many it applied.
     */
    @Override
    public long catchUp() {
        return read(this::catchUp);
    }

    private long catchUp(Connection connection) throws SQLException {
        followLock.lock();
        try {
            long start = System.nanoTime();
            long[] applied = {0};
            long last = ChangeFeed.read(connection, followed.get(), record -> {
                published(record);
                applied[0]++;
            });
            followed.accumulateAndGet(last, Math::max);
            // what was committed before the query began is in the view now
            viewCompleteAt = start;
            return applied[0];
        } finally {
            followLock.unlock();
        }
    }

    /** Whether other centre processes may write this registry too (PostgreSQL), so that their changes must be followed. */
    public boolean sharedBetweenProcesses() {
        return dialect == SqlDialect.POSTGRESQL;
    }

    /**
     * Follows the changes other processes commit, on a connection and a thread of its own, until
     * closed: at once on their notification, at the latest every {@code period}. Should catching up
     * stall (the database or the network in trouble) for longer than {@link #stalenessLimit}, a good
     * certificate is no longer answered from memory but read from the database, which fails while it
     * cannot be reached: never a good answer older than that. A suspended or revoked one stays so.
     *
     * @throws IllegalStateException on SQLite, whose registry only this process writes
     */
    public ChangeFollower follow(Duration period) {
        if (!sharedBetweenProcesses()) {
            throw new IllegalStateException("a SQLite registry is written by one process only: there are no changes to follow");
        }
        ChangeFollower follower = ChangeFollower.start(this::connect, this::catchUp, period);
        stalenessLimitNanos = stalenessLimit(period).toNanos();
        return follower;
    }

    /**
     * Two follow periods and a second since the last catch-up began: one period late is normal (the
     * next poll), the rest covers a slow query; anything later means catching up has stalled.
     */
    public static Duration stalenessLimit(Duration period) {
        return period.multipliedBy(2).plusSeconds(1);
    }

    private boolean viewIsFresh() {
        long limit = stalenessLimitNanos;
        return limit == 0 || System.nanoTime() - viewCompleteAt <= limit;
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

    /**
     * What a write transaction did: the record the caller asked about, and every record it changed
     * (none when the change had already happened; more than one when phones went with a card).
     */
    private record Change(CertificateRecord record, List<CertificateRecord> changed) {
        static Change none(CertificateRecord current) {
            return new Change(current, List.of());
        }

        static Change of(CertificateRecord changed) {
            return new Change(changed, List.of(changed));
        }
    }

    @FunctionalInterface
    private interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A transaction that changes certificates: the other processes on the database are told when it commits. */
    private CertificateRecord write(Transaction<Change> transaction) {
        Change change = transact(connection -> {
            Change made = transaction.run(connection);
            if (!made.changed().isEmpty()) {
                dialect.announceChange(connection);
            }
            return made;
        }, this::published);
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

    /** Makes the committed changes visible to lookups before the writing call returns. */
    private void published(Change change) {
        change.changed().forEach(this::published);
        if (!change.changed().isEmpty()) {
            // one transaction's sequences are consecutive (it holds the counter row throughout): when the
            // feed had reached the one before them, it has now reached their last without reading them
            long first = change.changed().stream().mapToLong(CertificateRecord::sequence).min().getAsLong();
            long last = change.changed().stream().mapToLong(CertificateRecord::sequence).max().getAsLong();
            followed.compareAndSet(first - 1, last);
        }
    }

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

    private CertificateRecord update(Connection connection, CertificateRecord current, CertificateState state,
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
        return changed;
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
