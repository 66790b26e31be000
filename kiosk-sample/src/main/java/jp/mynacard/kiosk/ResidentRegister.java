package jp.mynacard.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sample municipal register: a CSV file (UTF-8, '#' comments) whose first line is
 * {@code municipality,<code>,<name>}, then the header
 * {@code residentCode,name,birthDate,sex,address,householder,relationship,residentSince}, then one
 * resident a line. A bad file is refused whole, naming the line. Immutable.
 */
public final class ResidentRegister {
    static final String HEADER = "residentCode,name,birthDate,sex,address,householder,relationship,residentSince";
    private static final String SAMPLE = "sample-register.csv";
    private static final Set<String> SEXES = Set.of("male", "female", "unknown");

    private final String municipalityCode;
    private final String municipality;
    private final List<Resident> residents;

    private ResidentRegister(String municipalityCode, String municipality, List<Resident> residents) {
        this.municipalityCode = municipalityCode;
        this.municipality = municipality;
        this.residents = List.copyOf(residents);
    }

    /** The register shipped with the kiosk (fictitious residents of 千代田区, the sample card's holder among them). */
    public static ResidentRegister sample() {
        try (InputStream in = ResidentRegister.class.getResourceAsStream(SAMPLE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample register", e);
        }
    }

    public static ResidentRegister load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("register " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read register " + file, e);
        }
    }

    static ResidentRegister parse(String text, String source) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(line.split(",", -1));
                lineNumbers.add(number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.size() < 2 || rows.get(0).length != 3 || !rows.get(0)[0].equals("municipality")
                || !rows.get(0)[1].matches("[0-9]{6}")) {
            throw new IllegalArgumentException(source + ": the first line must be 'municipality,<6-digit code>,<name>'");
        }
        if (!String.join(",", rows.get(1)).equals(HEADER)) {
            throw new IllegalArgumentException(source + " line " + lineNumbers.get(1) + ": the header must be '" + HEADER + "'");
        }
        List<Resident> residents = new ArrayList<>();
        for (int i = 2; i < rows.size(); i++) {
            residents.add(resident(rows.get(i), source + " line " + lineNumbers.get(i)));
        }
        return new ResidentRegister(rows.get(0)[1], rows.get(0)[2], residents);
    }

    private static Resident resident(String[] f, String where) {
        if (f.length != 8) {
            throw new IllegalArgumentException(where + ": 8 fields expected, found " + f.length);
        }
        if (!f[0].matches("[0-9]{11}")) {
            throw new IllegalArgumentException(where + ": the resident code must be 11 digits");
        }
        if (!SEXES.contains(f[3])) {
            throw new IllegalArgumentException(where + ": sex must be male, female or unknown");
        }
        return new Resident(f[0], f[1], date(f[2], where), f[3], f[4], f[5], f[6], date(f[7], where));
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a date like 1989-03-31");
        }
    }

    /**
     * The resident the centre's record describes: same name, birth date and sex; when several
     * match, the one at the recorded address. Empty when none (or still several) match.
     */
    public Optional<Resident> find(HolderAttributes holder) {
        List<Resident> matching = residents.stream()
                .filter(r -> r.name().equals(holder.name()) && r.birthDate().equals(holder.birthDate())
                        && r.sex().equals(holder.sex()))
                .toList();
        if (matching.size() > 1) {
            matching = matching.stream().filter(r -> r.address().equals(holder.address())).toList();
        }
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    public String municipalityCode() {
        return municipalityCode;
    }

    /** The municipality's name, e.g. 東京都千代田区. */
    public String municipality() {
        return municipality;
    }

    public int size() {
        return residents.size();
    }
}
