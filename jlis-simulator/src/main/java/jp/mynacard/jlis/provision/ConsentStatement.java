package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the holder signs to consent, in its canonical form:
 * <pre>
 * mynacard-4info-consent
 * provider=&lt;provider id&gt;
 * certificate=&lt;serial of the signature certificate, hexadecimal&gt;
 * issued=&lt;ISO-8601 UTC instant&gt;</pre>
 */
public record ConsentStatement(String providerId, BigInteger serial, Instant issued) {
    public static final String HEADER = "mynacard-4info-consent";

    /** The bytes to sign. */
    public byte[] encode() {
        return StatementText.format(HEADER, "provider", providerId,
                "certificate", serial.toString(16).toUpperCase(Locale.ROOT), "issued", issued.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    public static ConsentStatement parse(byte[] statement) {
        List<String> values = StatementText.values(statement, HEADER, "provider", "certificate", "issued");
        String serial = values.get(1);
        if (!serial.matches("[0-9A-Fa-f]{1,40}")) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.MALFORMED,
                    "certificate= must be the certificate's serial number in hexadecimal, not '" + serial + "'");
        }
        return new ConsentStatement(values.get(0), new BigInteger(serial, 16), StatementText.instant(values.get(2)));
    }
}
