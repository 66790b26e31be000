package jp.mynacard.kiosk;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One 住民票の写し as issued: whose, by which municipality, when, under which document number,
 * and the serial of the user-authentication certificate the holder authenticated with.
 */
public record ResidenceCertificate(String documentNumber, Resident resident, String municipality, LocalDate issuedOn,
                                   BigInteger authenticationSerial) {
    public ResidenceCertificate {
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(resident, "resident");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(authenticationSerial, "authenticationSerial");
    }

    /** The serial as the centre and the clerk write it: upper-case hexadecimal. */
    public String serialHex() {
        return authenticationSerial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
