package jp.mynacard.kiosk;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Objects;

/** One 印鑑登録証明書 as issued: whose seal, which registration, by which municipality, when, after which authentication. */
public record SealCertificate(String documentNumber, Resident resident, SealRegistration registration, String municipality,
                              LocalDate issuedOn, BigInteger authenticationSerial) {
    public SealCertificate {
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(resident, "resident");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(authenticationSerial, "authenticationSerial");
    }

    public String serialHex() {
        return authenticationSerial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
