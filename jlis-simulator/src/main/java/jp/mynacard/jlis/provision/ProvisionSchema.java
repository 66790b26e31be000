package jp.mynacard.jlis.provision;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The service's tables next to the registry's, created if absent, in SQL that SQLite and
 * PostgreSQL both accept. Serials are decimal text as in the registry; instants epoch milliseconds.
 *
 * <ul>
 * <li>{@code provision_provider}: registered providers, with the SHA-256 of their API token.</li>
 * <li>{@code provision_consent}: each consent, with the signed statement kept as evidence.</li>
 * <li>{@code certificate_replacement}: which signature certificate replaced which.</li>
 * <li>{@code authentication_holder}: whom each user-authentication certificate was issued to (the
 * basic attributes at issuance), for municipalities' services such as コンビニ交付.</li>
 * </ul>
 */
final class ProvisionSchema {
    private ProvisionSchema() {
    }

    static void create(Connection connection) throws SQLException {
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS provision_provider ("
                        + "id VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(200) NOT NULL, "
                        + "token_hash VARCHAR(64) NOT NULL UNIQUE, "
                        + "registered_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS provision_consent ("
                        + "id VARCHAR(32) NOT NULL PRIMARY KEY, "
                        + "provider_id VARCHAR(64) NOT NULL, "
                        + "serial VARCHAR(60) NOT NULL, "
                        + "state VARCHAR(10) NOT NULL, "
                        + "consented_at BIGINT NOT NULL, "
                        + "withdrawn_at BIGINT, "
                        + "statement TEXT NOT NULL, "
                        + "signature TEXT NOT NULL)",
                // one active consent per provider and certificate: consenting twice finds the first
                "CREATE UNIQUE INDEX IF NOT EXISTS provision_consent_active "
                        + "ON provision_consent (provider_id, serial) WHERE state = 'ACTIVE'",
                // the old serial is unique too: a certificate is replaced once, so the chain never forks
                "CREATE TABLE IF NOT EXISTS certificate_replacement ("
                        + "serial VARCHAR(60) NOT NULL PRIMARY KEY, "
                        + "replaces VARCHAR(60) NOT NULL UNIQUE)",
                "CREATE TABLE IF NOT EXISTS authentication_holder ("
                        + "serial VARCHAR(60) NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(200) NOT NULL, "
                        + "birth_date VARCHAR(10) NOT NULL, "
                        + "sex VARCHAR(10) NOT NULL, "
                        + "address VARCHAR(400) NOT NULL, "
                        + "issued_at BIGINT NOT NULL)");
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        }
    }
}
