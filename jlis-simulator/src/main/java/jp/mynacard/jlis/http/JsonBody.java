package jp.mynacard.jlis.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An admin request body: one JSON object whose values are strings or objects of strings.
 * Anything else — not JSON, trailing data, arrays, numbers, deep nesting — is a 400 that says
 * where the body went wrong.
 */
final class JsonBody {
    private static final int MAX_DEPTH = 3;
    private static final int MAX_STRING = 4096;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).build())
            .build();

    private final String path;
    private final Map<String, Object> fields;

    private JsonBody(String path, Map<String, Object> fields) {
        this.path = path;
        this.fields = fields;
    }

    /** The body of {@code request}, declared {@code application/json} (413 beyond the endpoint's limit). */
    static JsonBody read(CentreRequest request) {
        requireJson(request);
        return parse(request.body());
    }

    /**
     * 415 unless the request says {@code Content-Type: application/json}: a web page can send
     * text/plain or a form to another origin without asking first, but never JSON.
     */
    static void requireJson(CentreRequest request) {
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JsonAnswer.MEDIA_TYPE)) {
            throw new HttpProblem(415, "the body must be sent as 'Content-Type: " + JsonAnswer.MEDIA_TYPE + "'"
                    + (type == null ? "" : ", not '" + type + "'"));
        }
    }

    static JsonBody parse(byte[] body) {
        if (body.length == 0) {
            return new JsonBody("", Map.of());
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpProblem(400, "the body must be a JSON object");
            }
            Map<String, Object> fields = readObject(parser, "");
            if (parser.nextToken() != null) {
                throw new HttpProblem(400, "unexpected data after the JSON object");
            }
            return new JsonBody("", fields);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new HttpProblem(400, "malformed JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new HttpProblem(400, "unreadable JSON body");
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, String path) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            String field = path + name;
            if (fields.containsKey(name)) {
                throw new HttpProblem(400, "field '" + field + "' appears twice");
            }
            switch (value) {
                case VALUE_STRING -> fields.put(name, parser.getText());
                case VALUE_NULL -> fields.put(name, null);
                case START_OBJECT -> fields.put(name, readObject(parser, field + "."));
                default -> throw new HttpProblem(400, "field '" + field + "' must be a string");
            }
        }
        return fields;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new HttpProblem(400, "missing field '" + path + name + "'");
        }
        return value;
    }

    String optional(String name) {
        Object value = fields.get(name);
        if (value instanceof Map) {
            throw new HttpProblem(400, "field '" + path + name + "' must be a string");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    JsonBody object(String name) {
        Object value = fields.get(name);
        if (!(value instanceof Map)) {
            throw new HttpProblem(400, "missing object '" + path + name + "'");
        }
        return new JsonBody(path + name + ".", (Map<String, Object>) value);
    }
}
