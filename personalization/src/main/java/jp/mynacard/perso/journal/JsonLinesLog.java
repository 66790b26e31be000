package jp.mynacard.perso.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only file of JSON objects, one per line, each forced to disk before {@link #append}
 * returns: what was appended survives a crash or a kill. A line torn by a crash mid-write (no
 * final newline) is cut off when the log is opened again, so the next append starts clean.
 * Values are strings only. Not thread safe: one writer per file.
 */
final class JsonLinesLog implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final FileChannel channel;
    private final List<Map<String, String>> records;

    private JsonLinesLog(Path file, FileChannel channel, List<Map<String, String>> records) {
        this.file = file;
        this.channel = channel;
        this.records = records;
    }

    /** Opens (creating) the log; the records already in it are in {@link #records()}. */
    static JsonLinesLog open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            byte[] content = Files.readAllBytes(file);
            int complete = content.length;
            while (complete > 0 && content[complete - 1] != '\n') {
                complete--; // a torn last line: its append never returned, so nobody relied on it
            }
            List<Map<String, String>> records = parse(file, content, complete);
            channel.truncate(complete);
            channel.position(complete);
            return new JsonLinesLog(file, channel, records);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The complete records of a log file, read only (a torn last line is left out, the file untouched). */
    static List<Map<String, String>> read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int complete = content.length;
        while (complete > 0 && content[complete - 1] != '\n') {
            complete--;
        }
        return parse(file, content, complete);
    }

    /** Every record, those found on opening and those appended since, oldest first. */
    List<Map<String, String>> records() {
        return Collections.unmodifiableList(records);
    }

    void append(Map<String, String> record) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(line)) {
            out.writeStartObject();
            for (Map.Entry<String, String> e : record.entrySet()) {
                out.writeStringField(e.getKey(), e.getValue());
            }
            out.writeEndObject();
        }
        line.write('\n');
        ByteBuffer bytes = ByteBuffer.wrap(line.toByteArray());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
        records.add(Collections.unmodifiableMap(new LinkedHashMap<>(record)));
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static List<Map<String, String>> parse(Path file, byte[] content, int length) throws IOException {
        List<Map<String, String>> records = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int i = 0; i < length; i++) {
            if (content[i] == '\n') {
                lineNumber++;
                records.add(parseLine(file, lineNumber, new String(content, start, i - start, StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        return records;
    }

    private static Map<String, String> parseLine(Path file, int lineNumber, String line) throws IOException {
        try (JsonParser parser = JSON.createParser(line)) {
            Map<String, String> record = new LinkedHashMap<>();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " line " + lineNumber + ": not a record of this log");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                record.put(name, parser.getValueAsString());
            }
            return record;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a complete line that is not JSON was not written by us: stop rather than guess
            throw new IOException(file + " line " + lineNumber + ": damaged (" + e.getOriginalMessage() + ")", e);
        }
    }
}
