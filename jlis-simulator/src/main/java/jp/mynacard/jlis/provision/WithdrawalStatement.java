package jp.mynacard.jlis.provision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What the holder signs to withdraw a consent, in its canonical form:
 * <pre>
 * mynacard-4info-withdraw
 * consent=&lt;consent id&gt;
 * issued=&lt;ISO-8601 UTC instant&gt;</pre>
 */
public record WithdrawalStatement(String consentId, Instant issued) {
    public static final String HEADER = "mynacard-4info-withdraw";

    /** The bytes to sign. */
    public byte[] encode() {
        return StatementText.format(HEADER, "consent", consentId, "issued", issued.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    public static WithdrawalStatement parse(byte[] statement) {
        List<String> values = StatementText.values(statement, HEADER, "consent", "issued");
        return new WithdrawalStatement(values.get(0), StatementText.instant(values.get(1)));
    }
}
