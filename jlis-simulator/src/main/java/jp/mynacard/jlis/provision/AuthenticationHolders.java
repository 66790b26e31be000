package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;

/**
 * Whom each user-authentication certificate was issued to. The certificate itself names nobody
 * (JPKI profile), so a municipality's service that authenticated a holder by it (コンビニ交付)
 * asks the centre, as in the real system J-LIS links the serial to the resident. The simulator
 * has no 住民票コード, so the link is the basic four attributes the issuing request carried;
 * docs/kiosk.md says why and what that costs.
 */
public final class AuthenticationHolders {
    private final ProvisionDatabase database;

    private AuthenticationHolders(ProvisionDatabase database) {
        this.database = database;
    }

    public static AuthenticationHolders in(ProvisionDatabase database) {
        return new AuthenticationHolders(Objects.requireNonNull(database, "database"));
    }

    /** Records the holder of a new certificate; a serial is recorded once (serials are unique). */
    public void record(BigInteger serial, BasicAttributes holder, Instant issuedAt) {
        database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO authentication_holder "
                    + "(serial, name, birth_date, sex, address, issued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, serial.toString());
                insert.setString(2, holder.name());
                insert.setString(3, holder.birthDate().toString());
                insert.setString(4, holder.sex().jpkiCode());
                insert.setString(5, holder.address());
                insert.setLong(6, issuedAt.toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The holder as recorded at issuance; empty for a serial issued before this table existed or not an auth one. */
    public Optional<BasicAttributes> holderOf(BigInteger serial) {
        return Optional.ofNullable(database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, birth_date, sex, address FROM authentication_holder WHERE serial = ?")) {
                query.setString(1, serial.toString());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? new BasicAttributes(row.getString(1), LocalDate.parse(row.getString(2)),
                            Sex.parse(row.getString(3)), row.getString(4)) : null;
                }
            }
        }));
    }
}
