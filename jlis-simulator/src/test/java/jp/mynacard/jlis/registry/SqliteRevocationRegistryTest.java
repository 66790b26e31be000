package jp.mynacard.jlis.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on SQLite, the centre's default store. */
class SqliteRevocationRegistryTest extends RevocationRegistryContract {
    @TempDir
    Path dataDir;

    @Override
    protected JdbcRevocationRegistry openRegistry() {
        return JdbcRevocationRegistry.sqlite(dataDir);
    }

    @Override
    protected Connection connectDirectly() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
    }

    @Override
    protected String binaryType() {
        return "BLOB";
    }

    @Test
    void theDatabaseIsOneFileInTheDataDirectoryWithAWriteAheadLog() throws Exception {
        issue(CertificateUsage.SIGNATURE, 1);

        Path file = dataDir.resolve("registry.db");
        assertTrue(Files.isRegularFile(file));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertEquals("wal", mode.getString(1));
        }
    }

    /**
     * The provision database shares the file: its writes between a registry transaction's first
     * read and its write make SQLite refuse that write at once (a stale snapshot), whatever the
     * busy timeout. The registry runs such a transaction again; none of its writes may fail.
     */
    @Test
    void writesOfAnotherConnectionToTheFileDoNotFailTheRegistrysWrites() throws Exception {
        int rounds = 1500;
        try (JdbcRevocationRegistry registry = openRegistry();
                Connection other = connectDirectly()) {
            try (Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("CREATE TABLE neighbour (n INTEGER)");
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread neighbour = new Thread(() -> {
                try (Statement statement = other.createStatement()) {
                    while (!stop.get()) {
                        statement.execute("INSERT INTO neighbour VALUES (1)");
                        Thread.sleep(1); // a busy neighbour, as a centre issuing two cards at once has
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            neighbour.start();
            try {
                for (int i = 0; i < rounds; i++) {
                    BigInteger serial = BigInteger.valueOf(10_000 + i);
                    registry.recordIssued(CertificateUsage.SIGNATURE, serial, Instant.now().plusSeconds(3600), new byte[] {1});
                    registry.suspend(CertificateUsage.SIGNATURE, serial, Instant.now());
                }
            } finally {
                stop.set(true);
                neighbour.join();
            }
            assertEquals(rounds * 2L, registry.currentSequence(), "every write committed once");
        }
    }
}
