package jp.mynacard.perso.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The operator's report of a batch, CSV with a header: one row per application with its line, the
 * outcome ({@code issued}, {@code rejected}, {@code failed}), the card and certificate serials and
 * the reason, flushed row by row so that a resumed batch appends to what the killed one wrote.
 * Holds no PIN, My Number or name: the application id is the operator's link to the holder.
 */
public final class BatchReport implements AutoCloseable {
    static final List<String> COLUMNS = List.of("line", "application-id", "outcome", "card-serial",
            "auth-certificate-serial", "sign-certificate-serial", "reason");

    private final BufferedWriter out;

    private BatchReport(BufferedWriter out) {
        this.out = out;
    }

    /** Opens the report for appending; writes the header when the file is new or empty. */
    public static BatchReport open(Path file) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        BatchReport report = new BatchReport(out);
        if (fresh) {
            report.row(COLUMNS);
        }
        return report;
    }

    public void issued(BatchRow row, String cardSerial, String authSerial, String signSerial) throws IOException {
        row(List.of(Integer.toString(row.line()), row.applicationId(), "issued", cardSerial, authSerial, signSerial, ""));
    }

    public void rejected(RejectedRow row) throws IOException {
        row(List.of(Integer.toString(row.line()), row.applicationId(), "rejected", "", "", "", row.reason()));
    }

    /** The row could not be issued this time (card or centre trouble); a rerun of the batch tries it again. */
    public void failed(BatchRow row, String cardSerial, String reason) throws IOException {
        row(List.of(Integer.toString(row.line()), row.applicationId(), "failed", cardSerial, "", "", reason));
    }

    private void row(List<String> values) throws IOException {
        StringBuilder line = new StringBuilder();
        for (String value : values) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            line.append(quoted(value));
        }
        out.write(line.append("\r\n").toString());
        out.flush();
    }

    /** RFC 4180: quote a value holding a comma, quote or line break, doubling its quotes. */
    private static String quoted(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
