package jp.mynacard.perso.batch;

import java.util.Map;

/**
 * One record as the file wrote it, field name to text, before any validation; or, when the record
 * itself is unreadable (a broken JSON line, a CSV row with the wrong number of fields), the reason.
 */
record RawRecord(int line, Map<String, String> fields, String unreadable) {
    static RawRecord of(int line, Map<String, String> fields) {
        return new RawRecord(line, fields, null);
    }

    static RawRecord unreadable(int line, String why) {
        return new RawRecord(line, Map.of(), why);
    }
}
