package jp.mynacard.jlis.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
}
