package jp.mynacard.jlis.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract on PostgreSQL. Needs MYNACARD_TEST_POSTGRES_URL (and _USER, _PASSWORD);
 * bin/test starts a throwaway server and sets them. Each test gets its own schema.
 */
class PostgresRevocationRegistryIT extends RevocationRegistryContract {
    private static String url;
    private static String user;
    private static String password;

    private final String schema = "registry_it_" + UUID.randomUUID().toString().replace("-", "");
    private boolean schemaCreated;

    @BeforeAll
    static void postgresIsGiven() {
        url = System.getenv("MYNACARD_TEST_POSTGRES_URL");
        user = System.getenv("MYNACARD_TEST_POSTGRES_USER");
        password = System.getenv("MYNACARD_TEST_POSTGRES_PASSWORD");
        if (url == null || url.isBlank()) {
            fail("MYNACARD_TEST_POSTGRES_URL is not set: the PostgreSQL registry tests need a database, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/mynacard with MYNACARD_TEST_POSTGRES_USER and "
                    + "MYNACARD_TEST_POSTGRES_PASSWORD; bin/test starts one for you");
        }
    }

    @Override
    protected JdbcRevocationRegistry openRegistry() {
        if (!schemaCreated) {
            execute("CREATE SCHEMA " + schema);
            schemaCreated = true;
        }
        return JdbcRevocationRegistry.open(schemaUrl(), user, password);
    }

    @Override
    protected Connection connectDirectly() throws SQLException {
        if (!schemaCreated) {
            execute("CREATE SCHEMA " + schema);
            schemaCreated = true;
        }
        return DriverManager.getConnection(schemaUrl(), user, password);
    }

    @Override
    protected String binaryType() {
        return "BYTEA";
    }

    private String schemaUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterEach
    void dropSchema() {
        closeRegistries();
        if (schemaCreated) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
