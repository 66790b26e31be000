package jp.mynacard.jlis.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatementsTest {
    private static final Instant ISSUED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void consentStatementHasItsDocumentedCanonicalForm() {
        ConsentStatement statement = new ConsentStatement("bank-a", new BigInteger("1A2B", 16), ISSUED);
        byte[] text = "mynacard-4info-consent\nprovider=bank-a\ncertificate=1A2B\nissued=2026-11-23T10:00:00Z"
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, statement.encode());
        assertEquals(statement, ConsentStatement.parse(text));
    }

    @Test
    void withdrawalStatementHasItsDocumentedCanonicalForm() {
        byte[] text = "mynacard-4info-withdraw\nconsent=abc\nissued=2026-11-23T10:00:00Z".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, new WithdrawalStatement("abc", ISSUED).encode());
        assertEquals(new WithdrawalStatement("abc", ISSUED), WithdrawalStatement.parse(text));
    }

    @Test
    void anyOtherSpellingIsRefused() {
        for (String text : new String[] {
            "mynacard-4info-consent\nprovider=bank-a\ncertificate=1A2B\nissued=2026-11-23T10:00:00Z\n",
            "mynacard-4info-consent\r\nprovider=bank-a\r\ncertificate=1A2B\r\nissued=2026-11-23T10:00:00Z",
            "mynacard-4info-consent\ncertificate=1A2B\nprovider=bank-a\nissued=2026-11-23T10:00:00Z",
            "mynacard-4info-withdraw\nprovider=bank-a\ncertificate=1A2B\nissued=2026-11-23T10:00:00Z",
            "mynacard-4info-consent\nprovider=bank-a\ncertificate=XYZ\nissued=2026-11-23T10:00:00Z",
            "mynacard-4info-consent\nprovider=bank-a\ncertificate=1A2B\nissued=yesterday",
        }) {
            ProvisionRefusal refusal = assertThrows(ProvisionRefusal.class,
                    () -> ConsentStatement.parse(text.getBytes(StandardCharsets.UTF_8)), text);
            assertEquals(ProvisionRefusal.Kind.MALFORMED, refusal.kind());
        }
        assertThrows(ProvisionRefusal.class, () -> ConsentStatement.parse(new byte[] {(byte) 0xff, 'a'}));
    }

    @Test
    void aStatementIsFreshForTenMinutesAndMayRunTwoMinutesAhead() {
        assertDoesNotThrow(() -> StatementText.checkFresh(ISSUED, ISSUED.plus(Duration.ofMinutes(10))));
        assertDoesNotThrow(() -> StatementText.checkFresh(ISSUED.plus(Duration.ofMinutes(2)), ISSUED));
        assertThrows(ProvisionRefusal.class, () -> StatementText.checkFresh(ISSUED, ISSUED.plus(Duration.ofMinutes(11))));
        assertThrows(ProvisionRefusal.class, () -> StatementText.checkFresh(ISSUED.plus(Duration.ofMinutes(3)), ISSUED));
    }
}
