package jp.mynacard.jlis.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes an admin answer: a flat JSON object of strings (null fields left out). */
final class JsonAnswer {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonAnswer() {
    }

    static byte[] encode(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (field.getValue() != null) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static void send(HttpExchange exchange, int status, Map<String, String> fields) throws IOException {
        Responses.send(exchange, status, "application/json", encode(fields));
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("error", message));
    }
}
