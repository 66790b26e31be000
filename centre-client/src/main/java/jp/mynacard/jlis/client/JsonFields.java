package jp.mynacard.jlis.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The centre's answers are flat JSON objects of strings; requests nest one object at most. */
final class JsonFields {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFields() {
    }

    static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (parser.currentToken().isStructStart()) {
                    parser.skipChildren();
                } else {
                    fields.put(name, parser.getValueAsString());
                }
            }
        } catch (IOException e) {
            throw new CentreException(0, "the centre answered something that is not its JSON: " + e.getMessage(), e);
        }
        return fields;
    }

    /** The flat objects of the array {@code name} in an answer; empty if the answer has no such array. */
    static List<Map<String, String>> parseList(byte[] body, String name) {
        return array(body, name, JsonToken.START_OBJECT, JsonFields::object);
    }

    /** The strings of the array {@code name} in an answer; empty if the answer has no such array. */
    static List<String> parseStrings(byte[] body, String name) {
        return array(body, name, JsonToken.VALUE_STRING, JsonParser::getText);
    }

    /** Reads one element of an array, the parser on its first token. */
    private interface ElementReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** The elements (each starting with {@code element}) of the array {@code name} in an answer. */
    private static <T> List<T> array(byte[] body, String name, JsonToken element, ElementReader<T> reader) {
        List<T> items = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == element) {
                        items.add(reader.read(parser));
                    }
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CentreException(0, "the centre answered something that is not its JSON: " + e.getMessage(), e);
        }
        return items;
    }

    /** The flat object {@code name} in an answer; its absence is a malformed answer. */
    static Map<String, String> parseObject(byte[] body, String name) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == JsonToken.START_OBJECT) {
                    return object(parser);
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CentreException(0, "the centre answered something that is not its JSON: " + e.getMessage(), e);
        }
        throw new CentreException(0, "the centre's answer has no " + name, null);
    }

    private static Map<String, String> object(JsonParser parser) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken().isStructStart()) {
                parser.skipChildren();
            } else {
                fields.put(field, parser.getValueAsString());
            }
        }
        return fields;
    }

    /** The field, which the centre always sends: its absence is a malformed answer. */
    static String required(Map<String, String> answer, String name) {
        String value = answer.get(name);
        if (value == null) {
            throw new CentreException(0, "the centre's answer has no " + name, null);
        }
        return value;
    }

    /** An ISO-8601 instant field, or null when the answer has none. */
    static Instant instant(Map<String, String> answer, String name) {
        String value = answer.get(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CentreException(0, "the centre's " + name + " is not a time: " + value, e);
        }
    }

    /** Writes {@code fields}; a value that is itself a Map becomes a nested object. */
    static byte[] write(Map<String, ?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeObject(json, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeObject(JsonGenerator json, Map<String, ?> fields) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (field.getValue() instanceof Map<?, ?> nested) {
                json.writeFieldName(field.getKey());
                @SuppressWarnings("unchecked")
                Map<String, ?> object = (Map<String, ?>) nested;
                writeObject(json, object);
            } else if (field.getValue() != null) {
                json.writeStringField(field.getKey(), field.getValue().toString());
            }
        }
        json.writeEndObject();
    }
}
