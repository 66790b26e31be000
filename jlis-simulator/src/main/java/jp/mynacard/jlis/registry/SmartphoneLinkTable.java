package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * The SQL of {@code smartphone_certificate}: one row per phone pair, naming the card signature
 * certificate it was issued on and the platform; {@code change_seq} (the pair's issuance) orders
 * the pairs of one card. Called inside the registry's transactions, on their connection.
 */
final class SmartphoneLinkTable {
    static final String DDL = "CREATE TABLE IF NOT EXISTS smartphone_certificate ("
            + "auth_serial VARCHAR(60) NOT NULL PRIMARY KEY, "
            + "sign_serial VARCHAR(60) NOT NULL UNIQUE, "
            + "card_serial VARCHAR(60) NOT NULL, "
            + "platform VARCHAR(16) NOT NULL, "
            + "linked_at BIGINT NOT NULL, "
            + "change_seq BIGINT NOT NULL)";
    /** Revoking a card's signature certificate looks its phones up by card. */
    static final String INDEX = "CREATE INDEX IF NOT EXISTS smartphone_certificate_by_card "
            + "ON smartphone_certificate (card_serial, platform)";
    private static final String COLUMNS = "card_serial, platform, auth_serial, sign_serial, linked_at";

    private SmartphoneLinkTable() {
    }

    static void insert(Connection connection, SmartphoneLink link, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO smartphone_certificate "
                + "(" + COLUMNS + ", change_seq) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, RecordColumns.serial(link.cardSignatureSerial()));
            insert.setString(2, link.platform().word());
            insert.setString(3, RecordColumns.serial(link.authenticationSerial()));
            insert.setString(4, RecordColumns.serial(link.signatureSerial()));
            RecordColumns.setInstant(insert, 5, link.linkedAt());
            insert.setLong(6, sequence);
            insert.executeUpdate();
        }
    }

    /** The pairs issued on that card signature certificate, oldest first. */
    static List<SmartphoneLink> ofCard(Connection connection, BigInteger cardSignatureSerial) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM smartphone_certificate WHERE card_serial = ? ORDER BY change_seq")) {
            query.setString(1, RecordColumns.serial(cardSignatureSerial));
            return links(query);
        }
    }

    /** The pair a phone certificate of that CA belongs to; null for a certificate no phone holds. */
    static SmartphoneLink ofPhoneCertificate(Connection connection, CertificateUsage usage, BigInteger serial)
            throws SQLException {
        String column = usage == CertificateUsage.SIGNATURE ? "sign_serial" : "auth_serial";
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM smartphone_certificate WHERE " + column + " = ?")) {
            query.setString(1, RecordColumns.serial(serial));
            List<SmartphoneLink> found = links(query);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static List<SmartphoneLink> links(PreparedStatement query) throws SQLException {
        List<SmartphoneLink> links = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                links.add(new SmartphoneLink(new BigInteger(rows.getString("card_serial")),
                        SmartphonePlatform.ofWord(rows.getString("platform")),
                        new BigInteger(rows.getString("auth_serial")), new BigInteger(rows.getString("sign_serial")),
                        Instant.ofEpochMilli(rows.getLong("linked_at"))));
            }
        }
        return links;
    }
}
