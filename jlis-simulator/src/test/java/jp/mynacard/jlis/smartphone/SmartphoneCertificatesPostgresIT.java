package jp.mynacard.jlis.smartphone;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import jp.mynacard.jlis.CentreConfiguration;
import org.junit.jupiter.api.AfterAll;

/**
 * The phone's certificates on a centre whose registry is PostgreSQL, in a schema of its own.
 * Needs MYNACARD_TEST_POSTGRES_URL (and _USER, _PASSWORD); bin/test starts a throwaway server.
 */
class SmartphoneCertificatesPostgresIT extends SmartphoneCertificatesContract {
    private final String url = System.getenv("MYNACARD_TEST_POSTGRES_URL");
    private final String user = System.getenv("MYNACARD_TEST_POSTGRES_USER");
    private final String password = System.getenv("MYNACARD_TEST_POSTGRES_PASSWORD");
    private final String schema = "smartphone_it_" + UUID.randomUUID().toString().replace("-", "");
    private boolean schemaCreated;

    @Override
    protected CentreConfiguration configuration(Path dataDir) {
        if (url == null || url.isBlank()) {
            fail("MYNACARD_TEST_POSTGRES_URL is not set: the PostgreSQL centre tests need a database, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/mynacard with MYNACARD_TEST_POSTGRES_USER and "
                    + "MYNACARD_TEST_POSTGRES_PASSWORD; bin/test starts one for you");
        }
        if (!schemaCreated) {
            execute("CREATE SCHEMA " + schema);
            schemaCreated = true;
        }
        return CentreConfiguration.embedded(dataDir)
                .withJdbc(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    @AfterAll
    void dropSchema() {
        stopCentre();
        if (schemaCreated) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
