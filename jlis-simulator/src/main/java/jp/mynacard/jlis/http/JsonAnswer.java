package jp.mynacard.jlis.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an admin answer: a flat JSON object of strings (null fields left out), or one with a
 * list of such objects, or one with a list of strings, or one with named such objects (a phone's pair).
 */
final class JsonAnswer {
    static final String MEDIA_TYPE = "application/json";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonAnswer() {
    }

    static byte[] encode(Map<String, String> fields) {
        return encode(fields, null, List.of());
    }

    /** {@code fields}, then (when {@code listName} is not null) an array of flat objects under that name. */
    static byte[] encode(Map<String, String> fields, String listName, List<Map<String, String>> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, fields);
            if (listName != null) {
                json.writeArrayFieldStart(listName);
                for (Map<String, String> item : items) {
                    json.writeStartObject();
                    writeFields(json, item);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code fields}, then an array of strings under {@code listName} (a rollover's link certificates). */
    static byte[] encodeWithStrings(Map<String, String> fields, String listName, List<String> strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, fields);
            json.writeArrayFieldStart(listName);
            for (String string : strings) {
                json.writeString(string);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code fields}, then each of {@code objects} as a flat object under its name. */
    static byte[] encodeWithObjects(Map<String, String> fields, Map<String, Map<String, String>> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writeFields(json, fields);
            for (Map.Entry<String, Map<String, String>> object : objects.entrySet()) {
                json.writeObjectFieldStart(object.getKey());
                writeFields(json, object.getValue());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeFields(JsonGenerator json, Map<String, String> fields) throws IOException {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue() != null) {
                json.writeStringField(field.getKey(), field.getValue());
            }
        }
    }

    static CentreResponse of(int status, Map<String, String> fields) {
        return CentreResponse.of(status, MEDIA_TYPE, encode(fields));
    }

    static CentreResponse list(int status, Map<String, String> fields, String listName, List<Map<String, String>> items) {
        return CentreResponse.of(status, MEDIA_TYPE, encode(fields, listName, items));
    }

    static CentreResponse withStrings(int status, Map<String, String> fields, String listName, List<String> strings) {
        return CentreResponse.of(status, MEDIA_TYPE, encodeWithStrings(fields, listName, strings));
    }

    static CentreResponse withObjects(int status, Map<String, String> fields, Map<String, Map<String, String>> objects) {
        return CentreResponse.of(status, MEDIA_TYPE, encodeWithObjects(fields, objects));
    }

    static CentreResponse error(int status, String message) {
        return of(status, Map.of("error", message));
    }
}
