package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * How records are spelt in columns: serials as decimal text, instants as epoch milliseconds
 * (CRLs and OCSP carry whole seconds, so nothing a client sees is lost), reasons as RFC 5280 codes.
 */
final class RecordColumns {
    /** The columns {@link #record} reads, in its order. */
    static final String RECORD_COLUMNS = "ca, serial, state, reason_code, revoked_at, invalidity_date, not_after, change_seq";

    private RecordColumns() {
    }

    static String serial(BigInteger serial) {
        return serial.toString();
    }

    static String ca(CertificateUsage usage) {
        return usage.shortName();
    }

    /** The precision the registry keeps, so that a returned record equals the one read back later. */
    static Instant stored(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static void setReason(PreparedStatement statement, int index, RevocationReason reason) throws SQLException {
        if (reason == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, reason.code());
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static RevocationReason reason(ResultSet row) throws SQLException {
        int code = row.getInt("reason_code");
        return row.wasNull() ? null : RevocationReason.fromCode(code);
    }

    /** Reads a row selected with {@link #RECORD_COLUMNS}. */
    static CertificateRecord record(ResultSet row) throws SQLException {
        return new CertificateRecord(
                CertificateUsage.fromShortName(row.getString("ca")),
                new BigInteger(row.getString("serial")),
                CertificateState.valueOf(row.getString("state")),
                reason(row),
                instant(row, "revoked_at"),
                instant(row, "invalidity_date"),
                instant(row, "not_after"),
                row.getLong("change_seq"));
    }

    static RevokedEntry revokedEntry(ResultSet row) throws SQLException {
        return new RevokedEntry(new BigInteger(row.getString("serial")), instant(row, "revoked_at"), reason(row),
                instant(row, "invalidity_date"));
    }
}
