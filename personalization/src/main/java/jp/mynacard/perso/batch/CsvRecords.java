package jp.mynacard.perso.batch;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 4180 CSV with a header row: comma-separated, fields optionally in double quotes ({@code ""}
 * for a quote inside), quoted fields may hold commas and line breaks (addresses do), CRLF or LF,
 * a UTF-8 byte-order mark ignored (spreadsheets write one). Blank lines are skipped. A row with the
 * wrong number of fields is returned as unreadable, and reading goes on with the next row.
 */
final class CsvRecords implements RecordSource {
    private static final char QUOTE = '"';
    private static final char COMMA = ',';
    private static final char BOM = '\uFEFF';

    private final Reader in;
    private final List<String> header;
    private int line = 1;     // the line the next character is on
    private int pending = -2; // one character of lookahead; -2: none
    private boolean atStart = true;

    CsvRecords(Reader in) throws IOException {
        this.in = in;
        List<String> names;
        try {
            names = nextRow(new int[1]);
        } catch (UnclosedQuote e) {
            throw new BatchFormatException("line 1: a quoted column name is not closed");
        }
        if (names == null) {
            throw new BatchFormatException("the CSV file is empty: it needs a header row naming the columns");
        }
        Set<String> seen = new HashSet<>();
        List<String> stripped = new ArrayList<>();
        for (String name : names) {
            String n = name.strip();
            if (n.isEmpty() || !seen.add(n)) {
                throw new BatchFormatException("line 1: the header has " + (n.isEmpty() ? "an empty" : "a repeated")
                        + " column name" + (n.isEmpty() ? "" : " '" + n + "'"));
            }
            stripped.add(n);
        }
        this.header = List.copyOf(stripped);
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public RawRecord next() throws IOException {
        int[] start = new int[1];
        List<String> values;
        try {
            values = nextRow(start);
        } catch (UnclosedQuote e) {
            return RawRecord.unreadable(start[0], "a quoted field is not closed before the end of the file (a missing '\"')");
        }
        if (values == null) {
            return null;
        }
        if (values.size() != header.size()) {
            return RawRecord.unreadable(start[0], values.size() + " fields where the header has " + header.size()
                    + " (a comma in an unquoted value?)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            fields.put(header.get(i), values.get(i));
        }
        return RawRecord.of(start[0], fields);
    }

    /** The next non-blank row's fields, its first line in start[0]; null at the end of the file. */
    private List<String> nextRow(int[] start) throws IOException {
        while (true) {
            int c = peek();
            if (c == -1) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                endOfLine();
                continue;
            }
            start[0] = line;
            return row(start[0]);
        }
    }

    private List<String> row(int startLine) throws IOException {
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new UnclosedQuote();
                }
                if (c == QUOTE) {
                    if (peek() == QUOTE) {
                        read();
                        field.append(QUOTE);
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\r' || c == '\n') {
                values.add(field.toString());
                if (c != -1) {
                    unread(c);
                    endOfLine();
                }
                return values;
            }
            if (c == COMMA) {
                values.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == QUOTE && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append((char) c);
            }
        }
    }

    private void endOfLine() throws IOException {
        if (read() == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (pending == -2) {
            pending = readChar();
        }
        return pending;
    }

    private int read() throws IOException {
        int c = peek();
        pending = -2;
        return c;
    }

    private void unread(int c) {
        pending = c;
    }

    private int readChar() throws IOException {
        int c = in.read();
        if (atStart) {
            atStart = false;
            if (c == BOM) {
                c = in.read();
            }
        }
        return c;
    }

    /** The file ended inside quotes: the rest of the file was one field, so there is no next row. */
    private static final class UnclosedQuote extends IOException {
        UnclosedQuote() {
            super(null, null);
        }
    }
}
