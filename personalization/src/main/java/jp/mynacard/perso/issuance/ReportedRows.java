package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcomes (issued, rejected) an earlier run already put in the report, by journal key: a run killed between
 * journaling an outcome and reporting it left the journal ahead, and the resumed run reports
 * what is missing rather than leaving the holder out of the report.
 */
public final class ReportedRows {
    private final Set<String> keys;

    private ReportedRows(Set<String> keys) {
        this.keys = keys;
    }

    public static ReportedRows read(Path report) throws IOException {
        Set<String> keys = new HashSet<>();
        if (Files.exists(report)) {
            List<List<String>> rows = parse(Files.readString(report, StandardCharsets.UTF_8));
            for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                // a failed row is no outcome: the same holder issued later (a rerun, a card's LOCKs finished) must still be reported
                if (row.size() >= 3 && ("issued".equals(row.get(2)) || "rejected".equals(row.get(2)))) {
                    keys.add(key(row));
                }
            }
        }
        return new ReportedRows(keys);
    }

    /** The journal key of a report row, as {@link BatchIssuance#journalKey} makes it. */
    public static String key(List<String> row) {
        return "rejected".equals(row.get(2)) ? BatchIssuance.lineKey(Integer.parseInt(row.get(0))) : row.get(1);
    }

    boolean contains(String journalKey) {
        return keys.contains(journalKey);
    }

    /** RFC 4180 as BatchReport writes it; a last line cut short by a kill is dropped. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(value.toString());
                value.setLength(0);
            } else if (c == '\n') {
                row.add(value.toString().replace("\r", ""));
                value.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                value.append(c);
            }
        }
        return rows;
    }
}
