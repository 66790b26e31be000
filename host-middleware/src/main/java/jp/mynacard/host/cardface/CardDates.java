package jp.mynacard.host.cardface;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.MalformedCardDataException;

/** Dates as the card-face APs store them: 8 ASCII digits, YYYYMMDD. */
final class CardDates {
    // uuuu, not yyyy: STRICT resolution needs a proleptic year
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private CardDates() {
    }

    /** The date in {@code field}'s value; {@code what} names the EF, {@code label} the date, for messages. */
    static LocalDate yyyymmdd(BerTlv field, String what, String label) {
        String text = new String(field.requireLength(8, what).value(), StandardCharsets.US_ASCII);
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedCardDataException(what + ": the " + label + " is not 8 ASCII digits");
        }
        try {
            return LocalDate.parse(text, YYYYMMDD);
        } catch (DateTimeException e) {
            throw new MalformedCardDataException(what + ": the " + label + " " + text + " is not a calendar date");
        }
    }
}
