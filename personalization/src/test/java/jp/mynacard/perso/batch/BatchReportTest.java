package jp.mynacard.perso.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.JpkiPins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReportTest {
    @TempDir
    Path dir;

    @Test
    void aResumedReportAppendsUnderOneHeaderAndQuotesReasonsAsCsvDoes() throws IOException {
        Path file = dir.resolve("report.csv");
        BatchRow row = new BatchRow(2, "A-1", Holder.sample(), JpkiPins.sample());
        try (BatchReport report = BatchReport.open(file)) {
            report.issued(row, "C0001", "1F", "20");
        }
        try (BatchReport report = BatchReport.open(file)) {
            report.rejected(new RejectedRow(3, "A-2", "'birth-date' must be a date like 1989-03-31, not \"x\""));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(String.join(",", BatchReport.COLUMNS), "2,A-1,issued,C0001,1F,20,",
                "3,A-2,rejected,,,,\"'birth-date' must be a date like 1989-03-31, not \"\"x\"\"\""), lines);

        // the report reads back with the batch reader's own CSV parser: one record per row, the reason intact
        try (var in = Files.newBufferedReader(file)) {
            CsvRecords records = new CsvRecords(in);
            records.next();
            RawRecord rejected = records.next();
            assertEquals("'birth-date' must be a date like 1989-03-31, not \"x\"", rejected.fields().get("reason"));
        }
    }

    @Test
    void progressOnATerminalRedrawsOneLineWithRateAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        BatchProgress progress = new BatchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 4, 10, now::get);
        now.set(30_000_000_000L);
        progress.issued();            // 1 card in 30 s: 2 per minute, 3 left at 30 s each
        now.set(60_000_000_000L);
        progress.rejected();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[#######                       ] 1/4  2.0 cards/min  1m30s left"), text);
        assertTrue(text.contains("\r[###############               ] 2/4  1.0 cards/min  1m00s left"), text);
        assertEquals(-1, text.indexOf('\n'), "one line, redrawn");
    }

    @Test
    void progressInALogPrintsPlainLinesEveryNHoldersAndASummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        BatchProgress progress = new BatchProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 5, 2, now::get);
        for (int i = 1; i <= 5; i++) {
            now.addAndGet(6_000_000_000L);
            if (i == 3) {
                progress.failed();
            } else {
                progress.issued();
            }
        }
        progress.finish();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertEquals("2/5 done (2 issued, 0 rejected, 0 failed), 10.0 cards/min, 0m18s left", lines[0]);
        assertEquals("5/5 done (4 issued, 0 rejected, 1 failed), 8.0 cards/min, nothing left", lines[2]);
        assertEquals("4 issued, 0 rejected, 1 failed in 0m30s (8.0 cards/min)", lines[3]);
        assertEquals("4/5 done (3 issued, 0 rejected, 1 failed), 7.5 cards/min, 0m06s left", lines[1]);
    }
}
