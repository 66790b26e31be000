package jp.mynacard.jlis.registry;

import java.util.List;

/** The registry's tables as created before the lookup by key (no {@code public_key_sha256}); BINARY stands for the store's type. */
final class OldSchema {
    static final List<String> DDL = List.of(
            "CREATE TABLE registry_counter (name VARCHAR(32) NOT NULL PRIMARY KEY, counter_value BIGINT NOT NULL)",
            "CREATE TABLE certificate (ca VARCHAR(8) NOT NULL, serial VARCHAR(60) NOT NULL, state VARCHAR(10) NOT NULL, "
                    + "reason_code INTEGER, revoked_at BIGINT, invalidity_date BIGINT, not_after BIGINT NOT NULL, "
                    + "change_seq BIGINT NOT NULL, der BINARY NOT NULL, PRIMARY KEY (ca, serial))",
            "CREATE INDEX certificate_not_good ON certificate (ca, state) WHERE state <> 'GOOD'",
            "CREATE TABLE certificate_change (change_seq BIGINT NOT NULL PRIMARY KEY, ca VARCHAR(8) NOT NULL, "
                    + "serial VARCHAR(60) NOT NULL, state VARCHAR(10) NOT NULL, reason_code INTEGER, revoked_at BIGINT, "
                    + "invalidity_date BIGINT)",
            "CREATE INDEX certificate_change_not_good ON certificate_change (ca, change_seq) WHERE state <> 'GOOD'",
            "CREATE INDEX certificate_change_by_certificate ON certificate_change (ca, serial, change_seq)");

    private OldSchema() {
    }
}
