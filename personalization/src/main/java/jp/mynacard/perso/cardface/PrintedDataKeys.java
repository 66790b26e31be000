package jp.mynacard.perso.cardface;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.temporal.ChronoField;
import jp.mynacard.model.holder.Holder;

/**
 * The card-face PINs that are not chosen but printed on the card (spec §4–§5): PIN-A is the My
 * Number, PIN-B is the Japanese-era birth date YYMMDD + expiry year YYYY + security code, the
 * birth-date key is the era birth date alone. For the sample holder: PIN-B {@code 01033120345678},
 * birth-date key {@code 010331}.
 */
public final class PrintedDataKeys {
    private PrintedDataKeys() {
    }

    public static byte[] pinA(Holder holder) {
        return ascii(holder.myNumber().digits());
    }

    public static byte[] pinB(Holder holder) {
        return ascii(eraBirthDate(holder.birthDate()) + String.format("%04d", holder.cardExpiry().getYear()) + holder.securityCode());
    }

    public static byte[] birthDateKey(Holder holder) {
        return ascii(eraBirthDate(holder.birthDate()));
    }

    /** YYMMDD with YY the year of the Japanese era (1989-03-31 is Heisei 1: 010331). */
    static String eraBirthDate(LocalDate birthDate) {
        int eraYear = JapaneseDate.from(birthDate).get(ChronoField.YEAR_OF_ERA);
        return String.format("%02d%02d%02d", eraYear, birthDate.getMonthValue(), birthDate.getDayOfMonth());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
