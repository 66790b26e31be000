package jp.mynacard.host.kiosk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kiosk messages' encoding: one flat JSON object of string fields, binary fields in base64.
 * Anything else (nesting, numbers, duplicates) is refused with a {@link MalformedMessageException}.
 * Public so that a service built on these messages encodes its own the same way.
 */
public final class FlatJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final Map<String, String> fields;

    private FlatJson(Map<String, String> fields) {
        this.fields = fields;
    }

    public static String write(Map<String, String> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @param what names the message in errors, e.g. "the challenge" */
    public static FlatJson parse(String text, String what) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser json = FACTORY.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMessageException(what + " is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                if (json.nextToken() != JsonToken.VALUE_STRING) {
                    throw new MalformedMessageException(what + ": field '" + name + "' is not a string");
                }
                if (fields.put(name, json.getText()) != null) {
                    throw new MalformedMessageException(what + ": field '" + name + "' appears twice");
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new MalformedMessageException(what + " is not one flat JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlatJson(fields);
    }

    public String required(String name, String what) {
        String value = fields.get(name);
        if (value == null) {
            throw new MalformedMessageException(what + " has no '" + name + "'");
        }
        return value;
    }

    public byte[] base64(String name, String what) {
        try {
            return Base64.getDecoder().decode(required(name, what));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(what + ": '" + name + "' is not base64");
        }
    }
}
