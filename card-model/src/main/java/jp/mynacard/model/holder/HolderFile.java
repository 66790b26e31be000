package jp.mynacard.model.holder;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a holder from a UTF-8 properties file, the format of {@code bin/vcard --holder}:
 * <pre>
 * name=番号　花子
 * birth-date=1989-03-31
 * sex=female
 * address=東京都千代田区霞が関二丁目１番２号
 * my-number=123456789018
 * card-expiry=2034-03-31
 * security-code=5678
 * municipality=131016
 * </pre>
 * Every failure names the file and the key; none repeats a My Number.
 */
public final class HolderFile {
    static final Set<String> KEYS = HolderFields.KEYS;

    private HolderFile() {
    }

    public static Holder read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text", e);
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown keys " + unknown + "; expected " + new TreeSet<>(KEYS));
        }
        Map<String, String> fields = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> fields.put(key, properties.getProperty(key)));
        try {
            return HolderFields.toHolder(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
