package jp.mynacard.host.cardface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.fake.FakeSurfaceCard;
import jp.mynacard.host.fake.InputHelperTestData;
import jp.mynacard.host.fake.SurfaceTestData;
import jp.mynacard.model.card.InvalidPinFormatException;
import org.junit.jupiter.api.Test;

class AgeProofTest {
    private static final X509Certificate SIGNER = InputHelperTestData.signerCertificateParsed();
    private final FakeSurfaceCard fake = new FakeSurfaceCard();

    private boolean prove(int years, LocalDate today) {
        return AgeProof.prove(SurfaceCard.over(ApduChannel.over(fake)), SurfaceTestData.BIRTH_DATE_KEY.toCharArray(),
                years, today, SIGNER);
    }

    @Test
    void theHolderIsTwentyFromTheTwentiethBirthdayOn() {
        // born 1989-03-31
        assertFalse(prove(20, LocalDate.of(2009, 3, 30)));
        assertTrue(prove(20, LocalDate.of(2009, 3, 31)));
        assertTrue(prove(20, LocalDate.of(2009, 4, 1)));
        assertTrue(prove(18, LocalDate.of(2009, 3, 30)));
        assertFalse(prove(40, LocalDate.of(2026, 11, 23)));
    }

    @Test
    void aLeapDayBirthTurnsOnTheFirstOfMarchInCommonYears() {
        LocalDate leap = LocalDate.of(2004, 2, 29);
        assertFalse(AgeProof.atLeast(leap, 19, LocalDate.of(2023, 2, 28)));
        assertTrue(AgeProof.atLeast(leap, 19, LocalDate.of(2023, 3, 1)));
        assertFalse(AgeProof.atLeast(leap, 20, LocalDate.of(2024, 2, 28)));
        assertTrue(AgeProof.atLeast(leap, 20, LocalDate.of(2024, 2, 29)));
    }

    @Test
    void aTamperedAgeRecordIsRefused() {
        byte[] ef = fake.file(0x0001);
        int date = SurfaceCardTest.indexOf(ef, SurfaceTestData.BIRTH_DATE.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ef[date + 3] = '0'; // 1980: nine years older than signed
        CardDataNotGenuineException e = assertThrows(CardDataNotGenuineException.class,
                () -> prove(20, LocalDate.of(2001, 1, 1)));
        assertEquals("age record signature invalid", e.getMessage());
    }

    @Test
    void aRecordSignedUnderAnotherSignerIsRefused() {
        SurfaceCard card = SurfaceCard.over(ApduChannel.over(fake));
        assertThrows(CardDataNotGenuineException.class, () -> AgeProof.prove(card,
                SurfaceTestData.BIRTH_DATE_KEY.toCharArray(), 20, LocalDate.of(2026, 1, 1), InputHelperTestData.otherCertificate()));
    }

    /** C14: the record names its chip's key, so a genuine record copied onto another chip is refused. */
    @Test
    void aGenuineRecordOnAnotherChipIsRefused() {
        FakeSurfaceCard copy = new FakeSurfaceCard(SurfaceTestData.sample(), SurfaceTestData.newCardKey());
        CardDataNotGenuineException refused = assertThrows(CardDataNotGenuineException.class, () -> AgeProof.prove(
                SurfaceCard.over(ApduChannel.over(copy)), SurfaceTestData.BIRTH_DATE_KEY.toCharArray(), 20, LocalDate.of(2026, 1, 1), SIGNER));
        assertTrue(refused.getMessage().contains("a copy"), refused.getMessage());
    }

    @Test
    void theBirthDateKeyIsCheckedByTheCard() {
        assertThrows(WrongPinException.class, () -> AgeProof.prove(SurfaceCard.over(ApduChannel.over(fake)),
                "010330".toCharArray(), 20, LocalDate.of(2026, 1, 1), SIGNER));
        assertEquals(9, fake.tries(FakeSurfaceCard.BIRTH_DATE_KEY));
        assertThrows(InvalidPinFormatException.class, () -> AgeProof.prove(SurfaceCard.over(ApduChannel.over(fake)),
                "1989-03-31".toCharArray(), 20, LocalDate.of(2026, 1, 1), SIGNER));
    }
}
