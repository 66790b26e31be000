package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import jp.mynacard.jlis.registry.RegistryException;

/** The replacement links in {@code certificate_replacement}. */
final class JdbcCertificateReplacements implements CertificateReplacements {
    private final ProvisionDatabase database;

    JdbcCertificateReplacements(ProvisionDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<BigInteger> replacementOf(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        return Optional.ofNullable(database.read(connection -> replacement(connection, serial)));
    }

    @Override
    public void record(BigInteger replacement, BigInteger replaced) {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(replaced, "replaced");
        database.transaction(connection -> {
            BigInteger existing = replacement(connection, replaced);
            if (existing != null) {
                throw new RegistryException("signature certificate " + hex(replaced)
                        + " was already replaced by " + hex(existing));
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO certificate_replacement (serial, replaces) VALUES (?, ?)")) {
                insert.setString(1, replacement.toString());
                insert.setString(2, replaced.toString());
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static BigInteger replacement(Connection connection, BigInteger serial) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT serial FROM certificate_replacement WHERE replaces = ?")) {
            query.setString(1, serial.toString());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new BigInteger(row.getString(1)) : null;
            }
        }
    }

    static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }
}
