package jp.mynacard.host.jpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import jp.mynacard.model.card.MalformedCardDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateAvailabilityTest {
    @Test
    void eachCertificateHasItsByte() {
        assertEquals(new CertificateAvailability(true, true), parse("8F8F00"));
        assertEquals(new CertificateAvailability(false, true), parse("008F00"), "a holder under 15: no signature certificate");
        assertEquals(new CertificateAvailability(false, false), parse("000000"), "a blank card");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8F8F", "8F8F0000", "8E8F00", "8FFF00"})
    void anythingElseIsMalformedAndSaysSo(String hex) {
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, () -> parse(hex));
        assertTrue(e.getMessage().startsWith("EF 0008"), e.getMessage());
    }

    private static CertificateAvailability parse(String hex) {
        return CertificateAvailability.parse(HexFormat.of().parseHex(hex));
    }
}
