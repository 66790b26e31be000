package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** The consents in {@code provision_consent}, each with the signed statement it was given with. */
final class ConsentStore {
    private static final String COLUMNS = "id, provider_id, serial, state, consented_at, withdrawn_at";
    /** 128 random bits: an id cannot be guessed, though ownership is checked anyway. */
    private static final int ID_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProvisionDatabase database;

    ConsentStore(ProvisionDatabase database) {
        this.database = database;
    }

    Optional<Consent> find(String id) {
        return Optional.ofNullable(database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM provision_consent WHERE id = ?")) {
                query.setString(1, id);
                return one(query);
            }
        }));
    }

    /**
     * The provider's active consent on that certificate, or a new one. A statement issued before
     * the provider's last withdrawn consent on it is refused: a replayed old statement must not
     * undo the holder's withdrawal.
     */
    ConsentOutcome activeOrCreate(String providerId, BigInteger serial, Instant statementIssued, Instant now,
                           byte[] statement, byte[] signature) {
        return database.transaction(connection -> {
            Consent active = active(connection, providerId, serial);
            if (active != null) {
                return new ConsentOutcome(active, false);
            }
            Instant withdrawn = lastWithdrawal(connection, providerId, serial);
            if (withdrawn != null && !statementIssued.isAfter(withdrawn)) {
                throw new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, "the holder withdrew consent at "
                        + withdrawn + "; a new consent needs a statement issued after that");
            }
            Consent created = new Consent(newId(), providerId, serial, Consent.State.ACTIVE, now, null);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provision_consent ("
                    + COLUMNS + ", statement, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, created.id());
                insert.setString(2, providerId);
                insert.setString(3, serial.toString());
                insert.setString(4, created.state().name());
                insert.setLong(5, now.toEpochMilli());
                insert.setNull(6, java.sql.Types.BIGINT);
                insert.setString(7, Base64.getEncoder().encodeToString(statement));
                insert.setString(8, Base64.getEncoder().encodeToString(signature));
                insert.executeUpdate();
            }
            return new ConsentOutcome(created, true);
        });
    }

    /** Withdraws an active consent; a withdrawn one is answered as it is. */
    Consent withdraw(String id, Instant at) {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE provision_consent "
                    + "SET state = 'WITHDRAWN', withdrawn_at = ? WHERE id = ? AND state = 'ACTIVE'")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, id);
                update.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM provision_consent WHERE id = ?")) {
                query.setString(1, id);
                return one(query);
            }
        });
    }

    private static Consent active(Connection connection, String providerId, BigInteger serial) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM provision_consent WHERE provider_id = ? AND serial = ? AND state = 'ACTIVE'")) {
            query.setString(1, providerId);
            query.setString(2, serial.toString());
            return one(query);
        }
    }

    private static Instant lastWithdrawal(Connection connection, String providerId, BigInteger serial)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(withdrawn_at) FROM provision_consent "
                + "WHERE provider_id = ? AND serial = ? AND state = 'WITHDRAWN'")) {
            query.setString(1, providerId);
            query.setString(2, serial.toString());
            try (ResultSet row = query.executeQuery()) {
                long millis = row.next() ? row.getLong(1) : 0;
                return millis == 0 || row.wasNull() ? null : Instant.ofEpochMilli(millis);
            }
        }
    }

    private static Consent one(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return null;
            }
            long withdrawn = row.getLong(6);
            Instant withdrawnAt = row.wasNull() ? null : Instant.ofEpochMilli(withdrawn);
            return new Consent(row.getString(1), row.getString(2), new BigInteger(row.getString(3)),
                    Consent.State.valueOf(row.getString(4)), Instant.ofEpochMilli(row.getLong(5)), withdrawnAt);
        }
    }

    private static String newId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
