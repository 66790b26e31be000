package jp.mynacard.kiosk;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of the seal register (印鑑登録原票): the registration number the 印鑑登録証 carries
 * (on this card, in the municipality's free-area slot), whose seal it is, when it was
 * registered and what the seal's impression reads.
 *
 * @param impression the characters carved in the registered seal, e.g. the surname
 */
public record SealRegistration(String number, String residentCode, LocalDate registeredOn, String impression) {
    public SealRegistration {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(residentCode, "residentCode");
        Objects.requireNonNull(registeredOn, "registeredOn");
        Objects.requireNonNull(impression, "impression");
    }
}
