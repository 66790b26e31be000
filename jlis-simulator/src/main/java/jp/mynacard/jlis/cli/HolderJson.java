package jp.mynacard.jlis.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A holder file for {@code jlis issue}: one JSON object of strings with the four attributes and the card expiry. */
final class HolderJson {
    static final Set<String> FIELDS = Set.of("name", "birthDate", "sex", "address", "cardExpiry");
    private static final JsonFactory FACTORY = new JsonFactory();

    private HolderJson() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException(file + ": unknown field '" + name + "'; expected " + FIELDS);
                }
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException(file + ": '" + name + "' must be a string");
                }
                fields.put(name, parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(file + ": unexpected data after the JSON object");
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(file + ": malformed JSON (" + e.getOriginalMessage() + ")" + where);
        }
        return fields;
    }
}
