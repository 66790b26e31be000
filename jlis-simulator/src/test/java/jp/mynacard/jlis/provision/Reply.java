package jp.mynacard.jlis.provision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A centre's answer: the status and its flat JSON object of strings. */
record Reply(int status, Map<String, String> json) {
    private static final JsonFactory FACTORY = new JsonFactory();

    static Reply of(int status, byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, parser.getValueAsString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(status, fields);
    }

    String get(String field) {
        return json.get(field);
    }

    @Override
    public String toString() {
        return status + " " + json;
    }
}
