package jp.mynacard.perso.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.HolderFields;
import jp.mynacard.perso.JpkiPins;

/**
 * A batch of holders to issue, read row by row so that a file of any size streams: CSV with a
 * header ({@code .csv}) or JSON Lines ({@code .jsonl}, {@code .ndjson}), UTF-8. Each row names
 * {@code application-id} (the operator's reference, reported back), the holder's fields
 * ({@link HolderFields#KEYS}) and {@code auth-pin}, {@code sign-pin}. A bad row becomes a
 * {@link RejectedRow} with its line and reason and the rest goes on; a file that cannot be a
 * batch at all throws {@link BatchFormatException} before any row.
 */
public final class BatchFile implements Iterator<BatchEntry>, AutoCloseable {
    public static final String APPLICATION_ID = "application-id";
    public static final String AUTH_PIN = "auth-pin";
    public static final String SIGN_PIN = "sign-pin";
    /** Letters, digits, '-' and '_': it goes into reports, journals and audit lines unquoted. */
    private static final Pattern APPLICATION_ID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private static final Set<String> FIELD_NAMES = fieldOrder();

    private final BufferedReader reader;
    private final RecordSource records;
    private final Map<String, Integer> applicationLines = new HashMap<>();
    private final Map<String, Integer> myNumberLines = new HashMap<>();
    private BatchEntry next;

    private BatchFile(BufferedReader reader, RecordSource records) {
        this.reader = reader;
        this.records = records;
        if (!records.columns().isEmpty()) {
            checkHeader(records.columns());
        }
    }

    /** The fields every row must have, in the order a CSV header would list them. */
    public static Set<String> fieldNames() {
        return FIELD_NAMES;
    }

    /** @throws BatchFormatException when the file's name or header says it is not a batch we can read */
    public static BatchFile open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".jsonl") && !name.endsWith(".ndjson")) {
            throw new BatchFormatException(file + ": a batch is a .csv file (with a header row) or a .jsonl file (one JSON object per line)");
        }
        BufferedReader reader = new BufferedReader(new Utf8Lines(Files.newInputStream(file)));
        try {
            return new BatchFile(reader, csv ? new CsvRecords(reader) : new JsonLinesRecords(reader));
        } catch (BatchFormatException e) {
            reader.close();
            throw new BatchFormatException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                RawRecord record = records.next();
                next = record == null ? null : validate(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public BatchEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BatchEntry entry = next;
        next = null;
        return entry;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void checkHeader(List<String> columns) {
        Set<String> unknown = new TreeSet<>(columns);
        unknown.removeAll(FIELD_NAMES);
        Set<String> missing = new LinkedHashSet<>(FIELD_NAMES);
        columns.forEach(missing::remove);
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new BatchFormatException("line 1: the header "
                    + (unknown.isEmpty() ? "" : "has unknown columns " + unknown + (missing.isEmpty() ? "" : " and "))
                    + (missing.isEmpty() ? "" : "lacks " + missing) + "; the columns are " + FIELD_NAMES);
        }
    }

    private BatchEntry validate(RawRecord record) {
        Map<String, String> fields = record.fields();
        String applicationId = fields.getOrDefault(APPLICATION_ID, "").strip();
        if (record.unreadable() != null) {
            return new RejectedRow(record.line(), "", record.unreadable());
        }
        if (!APPLICATION_ID_FORMAT.matcher(applicationId).matches()) {
            return new RejectedRow(record.line(), "", applicationId.isEmpty() ? "missing '" + APPLICATION_ID + "'"
                    : "'" + APPLICATION_ID + "' must be 1 to 32 letters, digits, '-' or '_'");
        }
        Set<String> unknown = new TreeSet<>(fields.keySet());
        unknown.removeAll(FIELD_NAMES);
        if (!unknown.isEmpty()) {
            return new RejectedRow(record.line(), applicationId, "unknown fields " + unknown + "; the fields are " + FIELD_NAMES);
        }
        Integer earlier = applicationLines.putIfAbsent(applicationId, record.line());
        if (earlier != null) {
            return new RejectedRow(record.line(), applicationId, "application " + applicationId + " is already on line " + earlier);
        }
        try {
            Holder holder = HolderFields.toHolder(fields);
            JpkiPins pins = new JpkiPins(HolderFields.required(fields, AUTH_PIN).toCharArray(),
                    HolderFields.required(fields, SIGN_PIN).toCharArray());
            Integer sameHolder = myNumberLines.putIfAbsent(holder.myNumber().digits(), record.line());
            if (sameHolder != null) {
                return new RejectedRow(record.line(), applicationId, "the same My Number as line " + sameHolder
                        + ": one card per holder in a batch");
            }
            return new BatchRow(record.line(), applicationId, holder, pins);
        } catch (IllegalArgumentException e) {
            return new RejectedRow(record.line(), applicationId, e.getMessage());
        }
    }

    private static Set<String> fieldOrder() {
        Set<String> names = new LinkedHashSet<>();
        names.add(APPLICATION_ID);
        names.addAll(new TreeSet<>(HolderFields.KEYS));
        names.add(AUTH_PIN);
        names.add(SIGN_PIN);
        return Collections.unmodifiableSet(names);
    }
}
