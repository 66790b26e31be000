package jp.mynacard.model.holder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * A holder from named text fields, the names operators write in holder files and batch files
 * ({@code name}, {@code birth-date}, {@code sex}, {@code address}, {@code my-number},
 * {@code card-expiry}, {@code security-code}, {@code municipality}). A failure names the field
 * and never repeats a My Number; the caller says where (file, line).
 */
public final class HolderFields {
    public static final Set<String> KEYS = Set.of("name", "birth-date", "sex", "address", "my-number",
            "card-expiry", "security-code", "municipality");

    private HolderFields() {
    }

    /** @throws IllegalArgumentException naming the missing or invalid field */
    public static Holder toHolder(Map<String, String> fields) {
        return new Holder(
                required(fields, "name"),
                date(fields, "birth-date"),
                Sex.parse(required(fields, "sex")),
                required(fields, "address"),
                MyNumber.parse(required(fields, "my-number")),
                date(fields, "card-expiry"),
                required(fields, "security-code"),
                required(fields, "municipality"));
    }

    /** The field's value without surrounding blanks. @throws IllegalArgumentException when absent or blank */
    public static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value.strip();
    }

    private static LocalDate date(Map<String, String> fields, String key) {
        String value = required(fields, key);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' must be a date like 1989-03-31, not '" + value + "'", e);
        }
    }
}
