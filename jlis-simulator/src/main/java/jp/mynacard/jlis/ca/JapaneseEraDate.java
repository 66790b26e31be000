package jp.mynacard.jlis.ca;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * A birth date as the JPKI signature certificate writes it (spec §3): {@code EYYYYMMDD}, an era
 * digit (1 Meiji, 2 Taishō, 3 Shōwa, 4 Heisei, 5 Reiwa) before the Gregorian date.
 */
final class JapaneseEraDate {
    private static final LocalDate TAISHO = LocalDate.of(1912, 7, 30);
    private static final LocalDate SHOWA = LocalDate.of(1926, 12, 25);
    private static final LocalDate HEISEI = LocalDate.of(1989, 1, 8);
    private static final LocalDate REIWA = LocalDate.of(2019, 5, 1);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private JapaneseEraDate() {
    }

    static String encode(LocalDate date) {
        return eraDigit(date) + DATE.format(date);
    }

    static char eraDigit(LocalDate date) {
        if (!date.isBefore(REIWA)) {
            return '5';
        }
        if (!date.isBefore(HEISEI)) {
            return '4';
        }
        if (!date.isBefore(SHOWA)) {
            return '3';
        }
        if (!date.isBefore(TAISHO)) {
            return '2';
        }
        return '1';
    }
}
