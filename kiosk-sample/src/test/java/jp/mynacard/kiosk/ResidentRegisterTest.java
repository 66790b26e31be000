package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentRegisterTest {
    private static final String HEAD = "municipality,131016,東京都千代田区\n" + ResidentRegister.HEADER + "\n";

    @Test
    void theSampleRegisterFindsTheSampleHolderByTheCentresRecord() {
        ResidentRegister register = ResidentRegister.sample();
        assertEquals("東京都千代田区", register.municipality());
        assertEquals("131016", register.municipalityCode());
        Resident found = register.find(new HolderAttributes("番号　花子", LocalDate.of(1989, 3, 31), "female",
                "東京都千代田区霞が関二丁目１番２号")).orElseThrow();
        assertEquals("12345678901", found.residentCode());
        assertTrue(register.find(new HolderAttributes("番号　花子", LocalDate.of(1989, 4, 1), "female",
                "東京都千代田区霞が関二丁目１番２号")).isEmpty(), "another birth date is another person");
    }

    @Test
    void aResidentWhoMovedWithinTheMunicipalityIsStillFound() {
        ResidentRegister register = ResidentRegister.parse(HEAD
                + "11111111111,山田　一,1970-01-01,male,東京都千代田区永田町一丁目１番,山田　一,世帯主,2020-01-01\n", "test");
        assertTrue(register.find(new HolderAttributes("山田　一", LocalDate.of(1970, 1, 1), "male",
                "東京都千代田区霞が関一丁目１番")).isPresent(), "the certificate outlives a move; the address at issuance may be old");
    }

    @Test
    void namesakesAreToldApartByAddressOrNotAtAll() {
        ResidentRegister register = ResidentRegister.parse(HEAD
                + "11111111111,山田　一,1970-01-01,male,住所A,山田　一,世帯主,2020-01-01\n"
                + "22222222222,山田　一,1970-01-01,male,住所B,山田　一,世帯主,2020-01-01\n", "test");
        assertEquals("22222222222", register.find(new HolderAttributes("山田　一", LocalDate.of(1970, 1, 1), "male",
                "住所B")).orElseThrow().residentCode());
        assertTrue(register.find(new HolderAttributes("山田　一", LocalDate.of(1970, 1, 1), "male", "住所C")).isEmpty(),
                "two candidates and no address to choose: no certificate rather than someone else's");
    }

    @Test
    void aBadFileIsRefusedNamingTheLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResidentRegister.parse("x\n", "f"))
                .getMessage().contains("municipality"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResidentRegister.parse(HEAD
                + "1234,a,1970-01-01,male,b,c,d,2020-01-01\n", "f")).getMessage().contains("f line 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResidentRegister.parse(HEAD
                + "11111111111,a,1970-13-01,male,b,c,d,2020-01-01\n", "f")).getMessage().contains("not a date"));
    }
}
