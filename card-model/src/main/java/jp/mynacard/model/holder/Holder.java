package jp.mynacard.model.holder;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The card holder as the municipality registers them: the four basic attributes (基本4情報:
 * name, address, birth date, sex), the My Number, and the card's own data. Invalid data is
 * refused here, so nothing half-valid reaches a card or a certificate.
 */
public record Holder(
        String name,
        LocalDate birthDate,
        Sex sex,
        String address,
        MyNumber myNumber,
        LocalDate cardExpiry,
        String securityCode,
        String municipalityCode) {

    static final int SECURITY_CODE_LENGTH = 4;
    static final int MUNICIPALITY_CODE_LENGTH = 6;

    public Holder {
        new BasicAttributes(name, birthDate, sex, address); // validates them
        Objects.requireNonNull(myNumber, "My Number");
        Objects.requireNonNull(cardExpiry, "card expiry");
        if (!cardExpiry.isAfter(birthDate)) {
            throw new IllegalArgumentException("the card expiry " + cardExpiry + " is not after the birth date");
        }
        requireDigits("security code", securityCode, SECURITY_CODE_LENGTH);
        requireDigits("municipality code", municipalityCode, MUNICIPALITY_CODE_LENGTH);
    }

    public BasicAttributes basicAttributes() {
        return new BasicAttributes(name, birthDate, sex, address);
    }

    /** The specimen of the government's sample card face (spec §7). */
    public static Holder sample() {
        return new Holder(
                "番号　花子",
                LocalDate.of(1989, 3, 31),
                Sex.FEMALE,
                "東京都千代田区霞が関二丁目１番２号",
                MyNumber.parse("123456789018"),
                LocalDate.of(2034, 3, 31),
                "5678",
                "131016");
    }

    private static void requireDigits(String what, String value, int length) {
        if (value == null || value.length() != length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the " + what + " must be " + length + " digits");
        }
    }
}
