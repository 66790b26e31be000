package jp.mynacard.perso.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line whose values are strings. Numbers are refused rather than
 * converted, because a PIN or a My Number written as a number has lost its leading zeros. A
 * broken line is returned as unreadable and reading goes on with the next.
 */
final class JsonLinesRecords implements RecordSource {
    private static final int MAX_STRING = 4096;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).maxStringLength(MAX_STRING).build())
            .build();

    private final BufferedReader in;
    private int line;

    JsonLinesRecords(BufferedReader in) {
        this.in = in;
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public RawRecord next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } while (text.isBlank());
        try {
            return RawRecord.of(line, object(text));
        } catch (JsonProcessingException e) {
            return RawRecord.unreadable(line, "not a JSON object: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return RawRecord.unreadable(line, e.getMessage());
        }
    }

    private static Map<String, String> object(String text) throws IOException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("each line must be one JSON object {...}");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("'" + name + "' must be a JSON string (numbers lose leading zeros)");
                }
                if (fields.put(name, parser.getText()) != null) {
                    throw new IllegalArgumentException("'" + name + "' appears twice");
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("unexpected data after the JSON object");
            }
            return fields;
        }
    }
}
