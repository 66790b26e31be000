package jp.mynacard.jlis.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The registry's tables, created if absent. Serial numbers are decimal text (one canonical
 * spelling per number, so the primary key finds them); instants are epoch milliseconds.
 *
 * <ul>
 * <li>{@code certificate}: the current state of every certificate, with the DER as issued and
 * the {@link PublicKeyDigest} of its key (added by a migration; see {@link PublicKeyColumn}).</li>
 * <li>{@code certificate_change}: append-only, one row per change (issuance included), numbered by
 * the global sequence; delta CRLs and OCSP caches are answered from it.</li>
 * <li>{@code registry_counter}: the sequence and each CA's CRL number; the row lock of the update
 * also serialises writers of different processes on PostgreSQL.</li>
 * <li>{@code smartphone_certificate}: which card signature certificate each phone's pair of
 * certificates was issued on ({@link SmartphoneLinkTable}); here, not beside the four-attribute
 * service's tables, so that revoking the card revokes the phone in the same transaction. A
 * registry made before phones gets the (empty) table when it is next opened.</li>
 * </ul>
 */
final class RegistrySchema {
    static final String SEQUENCE_COUNTER = "change_sequence";

    private RegistrySchema() {
    }

    static String crlNumberCounter(CertificateUsage usage) {
        return "crl_number_" + usage.shortName();
    }

    static void create(Connection connection, SqlDialect dialect) throws SQLException {
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS registry_counter ("
                        + "name VARCHAR(32) NOT NULL PRIMARY KEY, "
                        + "counter_value BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS certificate ("
                        + "ca VARCHAR(8) NOT NULL, "
                        + "serial VARCHAR(60) NOT NULL, "
                        + "state VARCHAR(10) NOT NULL, "
                        + "reason_code INTEGER, "
                        + "revoked_at BIGINT, "
                        + "invalidity_date BIGINT, "
                        + "not_after BIGINT NOT NULL, "
                        + "change_seq BIGINT NOT NULL, "
                        + "der " + dialect.binaryType() + " NOT NULL, "
                        + "public_key_sha256 VARCHAR(64), "
                        + "PRIMARY KEY (ca, serial))",
                // loading the not-good index at open reads only these rows
                "CREATE INDEX IF NOT EXISTS certificate_not_good ON certificate (ca, state) WHERE state <> 'GOOD'",
                "CREATE TABLE IF NOT EXISTS certificate_change ("
                        + "change_seq BIGINT NOT NULL PRIMARY KEY, "
                        + "ca VARCHAR(8) NOT NULL, "
                        + "serial VARCHAR(60) NOT NULL, "
                        + "state VARCHAR(10) NOT NULL, "
                        + "reason_code INTEGER, "
                        + "revoked_at BIGINT, "
                        + "invalidity_date BIGINT)",
                // a (delta) CRL's range: only suspensions and revocations, not the far more numerous issuances
                "CREATE INDEX IF NOT EXISTS certificate_change_not_good "
                        + "ON certificate_change (ca, change_seq) WHERE state <> 'GOOD'",
                // "is there a later change of this certificate", probed per CRL entry
                "CREATE INDEX IF NOT EXISTS certificate_change_by_certificate "
                        + "ON certificate_change (ca, serial, change_seq)",
                SmartphoneLinkTable.DDL,
                SmartphoneLinkTable.INDEX);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
            PublicKeyColumn.migrate(connection);
            ensureCounter(connection, SEQUENCE_COUNTER);
            for (CertificateUsage usage : CertificateUsage.values()) {
                ensureCounter(connection, crlNumberCounter(usage));
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void ensureCounter(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT counter_value FROM registry_counter WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO registry_counter (name, counter_value) VALUES (?, 0)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }
}
