package jp.mynacard.jlis.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway schema in the test PostgreSQL (MYNACARD_TEST_POSTGRES_URL, _USER, _PASSWORD; bin/test
 * starts a server and sets them), dropped on close: a registry of its own, and advisory locks of its
 * own, since the centre keys those by schema.
 */
public final class PostgresSchema implements AutoCloseable {
    private static final String URL = System.getenv("MYNACARD_TEST_POSTGRES_URL");
    private static final String USER = System.getenv("MYNACARD_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("MYNACARD_TEST_POSTGRES_PASSWORD");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Whether a test PostgreSQL is given. */
    public static boolean configured() {
        return URL != null && !URL.isBlank();
    }

    /** What to set to run the tests that need PostgreSQL. */
    public static String howToConfigure() {
        return "MYNACARD_TEST_POSTGRES_URL is not set: this needs a PostgreSQL database, e.g. "
                + "jdbc:postgresql://127.0.0.1:5432/mynacard with MYNACARD_TEST_POSTGRES_USER and "
                + "MYNACARD_TEST_POSTGRES_PASSWORD; bin/test starts one for you";
    }

    /** A new schema named {@code prefix} and a random suffix. */
    public static PostgresSchema create(String prefix) {
        if (!configured()) {
            throw new IllegalStateException(howToConfigure());
        }
        PostgresSchema schema = new PostgresSchema(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        schema.executeOnDatabase("CREATE SCHEMA " + schema.name);
        return schema;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL whose connections work in this schema. */
    public String url() {
        return withSchema(URL);
    }

    /** {@link #url()} with the host and port replaced, e.g. by a proxy's. */
    public String url(String host, int port) {
        return withSchema(URL.replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + host + ":" + port + "/"));
    }

    /** The database server's host and port. */
    public static String serverAddress() {
        return URL.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    private String withSchema(String url) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    private void executeOnDatabase(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        executeOnDatabase("DROP SCHEMA " + name + " CASCADE");
    }
}
