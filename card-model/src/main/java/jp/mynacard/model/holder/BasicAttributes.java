package jp.mynacard.model.holder;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The four basic attributes (基本4情報) of a resident: what the signature certificate carries
 * and the four-attribute provision service hands out. Nothing else: no My Number.
 */
public record BasicAttributes(String name, LocalDate birthDate, Sex sex, String address) {
    /** Spec §3: the address otherName holds at most 200 characters. */
    public static final int MAX_ADDRESS_LENGTH = 200;

    public BasicAttributes {
        Objects.requireNonNull(birthDate, "birth date");
        Objects.requireNonNull(sex, "sex");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the holder's name is empty");
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("the holder's address is empty");
        }
        if (address.codePointCount(0, address.length()) > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("the address is longer than " + MAX_ADDRESS_LENGTH + " characters");
        }
    }
}
