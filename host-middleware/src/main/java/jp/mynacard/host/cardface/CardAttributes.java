package jp.mynacard.host.cardface;

import java.time.LocalDate;
import java.util.Objects;
import jp.mynacard.model.holder.Sex;

/** The four basic attributes (基本4情報) as the card-input-helper AP holds them. */
public record CardAttributes(String name, String address, LocalDate birthDate, Sex sex) {
    public CardAttributes {
        Objects.requireNonNull(name);
        Objects.requireNonNull(address);
        Objects.requireNonNull(birthDate);
        Objects.requireNonNull(sex);
    }
}
