package jp.mynacard.perso.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFileTest {
    private static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    private static final String SAMPLE_CSV_ROW = "A-0001,番号　花子,東京都千代田区霞が関二丁目１番２号,1989-03-31,2034-03-31,131016,123456789018,5678,female,1234,ABCDEF12";
    /** Another valid My Number (check digit 9 over 00000000001). */
    private static final String OTHER_MY_NUMBER = "000000000019";

    @TempDir
    Path dir;

    @Test
    void readsTheSampleHolderFromCsv() throws IOException {
        List<BatchEntry> entries = read("batch.csv", HEADER + "\n" + SAMPLE_CSV_ROW + "\n");
        BatchRow row = assertInstanceOf(BatchRow.class, entries.get(0));
        assertEquals(Holder.sample(), row.holder());
        assertEquals("A-0001", row.applicationId());
        assertEquals(2, row.line());
        assertEquals("1234", new String(row.pins().authPin()));
        assertFalse(row.toString().contains("1234") || row.toString().contains("123456789018"), row.toString());
    }

    @Test
    void csvTakesQuotedCommasLineBreaksAndQuotesAByteOrderMarkAndCrLf() throws IOException {
        String address = "\"東京都千代田区霞が関二丁目１番２号, \"\"別館\"\"\n３階\"";
        String row = SAMPLE_CSV_ROW.replace("東京都千代田区霞が関二丁目１番２号", address);
        List<BatchEntry> entries = read("batch.csv", "\uFEFF" + HEADER + "\r\n\r\n" + row + "\r\n"
                + SAMPLE_CSV_ROW.replace("A-0001", "A-0002").replace("123456789018", OTHER_MY_NUMBER) + "\r\n");
        BatchRow first = assertInstanceOf(BatchRow.class, entries.get(0));
        assertEquals("東京都千代田区霞が関二丁目１番２号, \"別館\"\n３階", first.holder().address());
        assertEquals(3, first.line());
        assertEquals(5, entries.get(1).line(), "the line count goes on after a line break inside quotes");
    }

    @Test
    void aBadRowIsRejectedWithItsLineAndTheRestGoesOn() throws IOException {
        List<BatchEntry> entries = read("batch.csv", String.join("\n", HEADER,
                SAMPLE_CSV_ROW.replace("123456789018", "123456789019"),          // check digit
                SAMPLE_CSV_ROW.replace("A-0001", "A-0002").replace(",1234,", ",12345,"), // PIN format
                SAMPLE_CSV_ROW.replace("A-0001", "A-0003").replace("1989-03-31", "1989-02-30"),
                SAMPLE_CSV_ROW.replace("A-0001", "A-0004").replace(",female,", ",,"),
                SAMPLE_CSV_ROW.replace("A-0001", "A-0005").replace("番号　花子,", "番号,花子,"),
                SAMPLE_CSV_ROW.replace("A-0001", "A-0006").replace("123456789018", OTHER_MY_NUMBER),
                SAMPLE_CSV_ROW.replace("A-0001", "A-0006"),
                SAMPLE_CSV_ROW.replace("A-0001", "A-0007").replace("123456789018", OTHER_MY_NUMBER),
                ""));
        assertEquals(8, entries.size());
        assertRejected(entries.get(0), 2, "check digit");
        assertRejected(entries.get(1), 3, "authentication PIN must be 4 digits");
        assertRejected(entries.get(2), 4, "'birth-date' must be a date");
        assertRejected(entries.get(3), 5, "missing 'sex'");
        assertRejected(entries.get(4), 6, "12 fields where the header has 11");
        assertInstanceOf(BatchRow.class, entries.get(5));
        assertRejected(entries.get(6), 8, "application A-0006 is already on line 7");
        assertRejected(entries.get(7), 9, "the same My Number as line 7");
        for (BatchEntry e : entries) {
            if (e instanceof RejectedRow r) {
                assertFalse(r.reason().contains("12345678901") || r.reason().contains("1234,"), r.reason());
            }
        }
    }

    @Test
    void anUnclosedQuoteRejectsTheLastRowOnly() throws IOException {
        List<BatchEntry> entries = read("batch.csv", HEADER + "\n" + SAMPLE_CSV_ROW + "\n"
                + SAMPLE_CSV_ROW.replace("A-0001,番号", "A-0002,\"番号") + "\n");
        assertInstanceOf(BatchRow.class, entries.get(0));
        assertRejected(entries.get(1), 3, "not closed before the end of the file");
        assertEquals(2, entries.size());
    }

    @Test
    void aHeaderWithUnknownOrMissingColumnsRefusesTheFile() throws IOException {
        Path file = write("batch.csv", HEADER.replace(",sign-pin", ",signpin") + "\n" + SAMPLE_CSV_ROW + "\n");
        BatchFormatException e = assertThrows(BatchFormatException.class, () -> BatchFile.open(file));
        assertTrue(e.getMessage().contains("unknown columns [signpin]") && e.getMessage().contains("lacks [sign-pin]"),
                e.getMessage());
    }

    @Test
    void notUtf8IsAFileErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("batch.csv");
        Files.write(file, (HEADER + "\n" + SAMPLE_CSV_ROW + "\n").getBytes(java.nio.charset.Charset.forName("Shift_JIS")));
        BatchFormatException e = assertThrows(BatchFormatException.class, () -> {
            try (BatchFile batch = BatchFile.open(file)) {
                batch.forEachRemaining(x -> { });
            }
        });
        assertTrue(e.getMessage().contains("line 2: not UTF-8"), e.getMessage());
    }

    @Test
    void readsJsonLinesAndRejectsBrokenLinesAndNumbers() throws IOException {
        String good = "{\"application-id\":\"J-1\",\"name\":\"番号　花子\",\"birth-date\":\"1989-03-31\",\"sex\":\"female\","
                + "\"address\":\"東京都千代田区霞が関二丁目１番２号\",\"my-number\":\"123456789018\",\"card-expiry\":\"2034-03-31\","
                + "\"security-code\":\"5678\",\"municipality\":\"131016\",\"auth-pin\":\"1234\",\"sign-pin\":\"ABCDEF12\"}";
        List<BatchEntry> entries = read("batch.jsonl", String.join("\n",
                good,
                "",
                "{\"application-id\": \"J-2\", \"name\": ",
                good.replace("J-1", "J-3").replace("\"1234\"", "1234"),
                good.replace("J-1", "J-4").replace("\"sex\"", "\"gender\""),
                "[1, 2]",
                ""));
        assertEquals(Holder.sample(), assertInstanceOf(BatchRow.class, entries.get(0)).holder());
        assertRejected(entries.get(1), 3, "not a JSON object");
        assertRejected(entries.get(2), 4, "'auth-pin' must be a JSON string");
        assertRejected(entries.get(3), 5, "unknown fields [gender]");
        assertEquals("J-4", entries.get(3).applicationId());
        assertRejected(entries.get(4), 6, "one JSON object");
    }

    @Test
    void anotherExtensionIsRefusedWithTheFormatsWeRead() throws IOException {
        Path file = write("batch.txt", "x");
        BatchFormatException e = assertThrows(BatchFormatException.class, () -> BatchFile.open(file));
        assertTrue(e.getMessage().contains(".csv") && e.getMessage().contains(".jsonl"), e.getMessage());
    }

    private static void assertRejected(BatchEntry entry, int line, String reason) {
        RejectedRow rejected = assertInstanceOf(RejectedRow.class, entry, () -> "line " + line + " should be rejected");
        assertEquals(line, rejected.line(), rejected.reason());
        assertTrue(rejected.reason().contains(reason), rejected.reason());
    }

    private List<BatchEntry> read(String name, String content) throws IOException {
        List<BatchEntry> entries = new ArrayList<>();
        try (BatchFile batch = BatchFile.open(write(name, content))) {
            batch.forEachRemaining(entries::add);
        }
        return entries;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
