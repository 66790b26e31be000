package jp.mynacard.perso.counter;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * The serial numbers of one card's two certificates, as the municipality's issuance records keep
 * them: what a counter needs to act on a card it does not have (reported lost).
 */
public record CardCertificates(BigInteger authSerial, BigInteger signSerial) {
    public CardCertificates {
        Objects.requireNonNull(authSerial, "authentication certificate serial");
        Objects.requireNonNull(signSerial, "signature certificate serial");
    }

    /** From hexadecimal serials, as {@code bin/jlis status} prints them. */
    public static CardCertificates ofHex(String authSerialHex, String signSerialHex) {
        return new CardCertificates(parseSerial("authentication", authSerialHex), parseSerial("signature", signSerialHex));
    }

    public BigInteger serial(CertificateKind kind) {
        return kind == CertificateKind.AUTH ? authSerial : signSerial;
    }

    public static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /** A certificate serial as hexadecimal; {@code what} names it in the message ("signature"). */
    public static BigInteger parseSerial(String what, String hex) {
        if (hex == null || hex.isBlank()) {
            throw new IllegalArgumentException("the " + what + " certificate's serial is missing");
        }
        try {
            BigInteger serial = new BigInteger(hex.trim(), 16);
            if (serial.signum() <= 0) {
                throw new NumberFormatException();
            }
            return serial;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " certificate's serial '" + hex + "' is not a positive hexadecimal number");
        }
    }
}
