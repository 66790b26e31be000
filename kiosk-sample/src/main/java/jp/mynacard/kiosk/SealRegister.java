package jp.mynacard.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sample seal register: a CSV file (UTF-8, '#' comments) with the header
 * {@code registrationNumber,residentCode,registeredOn,impression}, then one registration a line.
 * A bad file is refused whole, naming the line. Immutable.
 */
public final class SealRegister {
    static final String HEADER = "registrationNumber,residentCode,registeredOn,impression";
    private static final String SAMPLE = "sample-seal-register.csv";

    private final Map<String, SealRegistration> byNumber;

    private SealRegister(Map<String, SealRegistration> byNumber) {
        this.byNumber = Map.copyOf(byNumber);
    }

    /** The register shipped with the kiosk: the sample holder's seal, 131016-IN-000042. */
    public static SealRegister sample() {
        try (InputStream in = SealRegister.class.getResourceAsStream(SAMPLE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample seal register", e);
        }
    }

    public static SealRegister load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("seal register " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seal register " + file, e);
        }
    }

    static SealRegister parse(String text, String source) {
        Map<String, SealRegistration> byNumber = new HashMap<>();
        boolean header = false;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + number;
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw new IllegalArgumentException(where + ": the header must be '" + HEADER + "'");
                }
                header = true;
                continue;
            }
            String[] f = line.strip().split(",", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(where + ": 4 fields expected, found " + f.length);
            }
            if (!f[1].matches("[0-9]{11}")) {
                throw new IllegalArgumentException(where + ": the resident code must be 11 digits");
            }
            if (f[0].isEmpty() || f[3].isEmpty()) {
                throw new IllegalArgumentException(where + ": registration number and impression are needed");
            }
            if (byNumber.containsKey(f[0])) {
                throw new IllegalArgumentException(where + ": registration number " + f[0] + " is there twice");
            }
            byNumber.put(f[0], new SealRegistration(f[0], f[1], date(f[2], where), f[3]));
        }
        if (!header) {
            throw new IllegalArgumentException(source + ": no header '" + HEADER + "'");
        }
        return new SealRegister(byNumber);
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a date like 2016-05-10");
        }
    }

    /** The registration with this number, if it is the seal of that resident; empty otherwise. */
    public Optional<SealRegistration> find(String registrationNumber, Resident resident) {
        return Optional.ofNullable(byNumber.get(registrationNumber)).filter(r -> r.residentCode().equals(resident.residentCode()));
    }
}
