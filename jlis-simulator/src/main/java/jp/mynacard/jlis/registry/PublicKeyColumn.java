package jp.mynacard.jlis.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code certificate.public_key_sha256} column and its index, which registries created before
 * the lookup by key lack: the column is added and filled from the stored DER the first time such
 * a registry is opened, in the schema's transaction, so a crash mid-migration leaves the old
 * schema whole. SQLite has no {@code ADD COLUMN IF NOT EXISTS}, hence the look at the catalogue.
 */
final class PublicKeyColumn {
    static final String COLUMN = "public_key_sha256";
    private static final int BATCH = 500;
    private static final int FETCH_SIZE = 512;

    private PublicKeyColumn() {
    }

    static void migrate(Connection connection) throws SQLException {
        if (!present(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE certificate ADD COLUMN " + COLUMN + " VARCHAR(64)");
            }
            backfill(connection);
        }
        try (Statement statement = connection.createStatement()) {
            // recovery asks "what did you issue for this key" once per key; not on the OCSP path
            statement.execute("CREATE INDEX IF NOT EXISTS certificate_by_public_key ON certificate (" + COLUMN + ")");
        }
    }

    private static boolean present(Connection connection) throws SQLException {
        // PostgreSQL folds unquoted names to lower case; the schema narrows it to the registry's own
        try (ResultSet columns = connection.getMetaData().getColumns(null, connection.getSchema(), "certificate", null)) {
            while (columns.next()) {
                if (COLUMN.equals(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void backfill(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT ca, serial, der FROM certificate");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE certificate SET " + COLUMN + " = ? WHERE ca = ? AND serial = ?")) {
            query.setFetchSize(FETCH_SIZE);
            int pending = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Optional<String> digest = PublicKeyDigest.ofCertificate(rows.getBytes("der"));
                    if (digest.isEmpty()) {
                        continue;
                    }
                    update.setString(1, digest.get());
                    update.setString(2, rows.getString("ca"));
                    update.setString(3, rows.getString("serial"));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
