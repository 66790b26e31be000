package jp.mynacard.jlis.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The change log ({@code certificate_change}) read as a feed: the changes after a sequence, in
 * sequence order, each as the record a local write publishes (with its certificate's notAfter).
 *
 * <p>Reading "after the last sequence seen" misses nothing because the log has no gaps, not even
 * for a moment: every change takes its number from the {@code registry_counter} row, whose row lock
 * its transaction holds until it commits (and a rollback takes the number back with the update).
 * On PostgreSQL the next writer's UPDATE waits on that transaction, which is visible to every new
 * snapshot before its locks are released, so change n+1 is never visible without change n.
 * {@code ChangeFollowingContract} (concurrent writers in two registries, the feed read meanwhile) holds it to that.
 */
final class ChangeFeed {
    /** Rows per query: a long absence catches up in pages rather than in one result. */
    static final int PAGE = 1_000;

    private ChangeFeed() {
    }

    /**
     * Hands every change with a sequence above {@code after} to {@code changes}, in order.
     *
     * @return the sequence of the last change handed over; {@code after} when there was none
     */
    static long read(Connection connection, long after, Consumer<CertificateRecord> changes) throws SQLException {
        long last = after;
        try (PreparedStatement query = connection.prepareStatement("SELECT ch.ca, ch.serial, ch.state, ch.reason_code, "
                + "ch.revoked_at, ch.invalidity_date, c.not_after, ch.change_seq FROM certificate_change ch "
                + "JOIN certificate c ON c.ca = ch.ca AND c.serial = ch.serial "
                + "WHERE ch.change_seq > ? ORDER BY ch.change_seq LIMIT " + PAGE)) {
            while (true) {
                query.setLong(1, last);
                int rows = 0;
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        CertificateRecord record = RecordColumns.record(row);
                        changes.accept(record);
                        last = record.sequence();
                        rows++;
                    }
                }
                if (rows < PAGE) {
                    return last;
                }
            }
        }
    }
}
