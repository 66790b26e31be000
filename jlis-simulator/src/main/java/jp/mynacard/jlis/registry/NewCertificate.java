package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** A certificate just signed and not yet recorded: what the registry keeps of it. */
public record NewCertificate(BigInteger serial, Instant notAfter, byte[] der) {
    public NewCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial number is positive, not " + serial);
        }
        if (der == null || der.length == 0) {
            throw new IllegalArgumentException("the issued certificate's DER is missing");
        }
    }
}
