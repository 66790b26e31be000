package jp.mynacard.model.holder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jp.mynacard.model.card.MalformedCardDataException;
import org.junit.jupiter.api.Test;

/** One Sex, two encodings: ISO 5218 on the card-face APs, the JPKI digit in the signature certificate. */
class SexTest {
    @Test
    void theChipAndTheCertificateEncodeTheSameHolderDifferently() {
        assertEquals('9', Sex.NOT_APPLICABLE.iso5218());
        assertEquals("3", Sex.NOT_APPLICABLE.jpkiCode());
        assertEquals('2', Sex.FEMALE.iso5218());
        assertEquals("2", Sex.FEMALE.jpkiCode());
    }

    @Test
    void readsWhatBatchFilesAndTheCardSay() {
        assertEquals(Sex.NOT_APPLICABLE, Sex.parse("unknown"));
        assertEquals(Sex.NOT_APPLICABLE, Sex.parse("Not Applicable"));
        assertEquals(Sex.NOT_APPLICABLE, Sex.parse("3"));
        assertEquals(Sex.MALE, Sex.parse(" MALE "));
        assertEquals(Sex.FEMALE, Sex.fromIso5218((byte) '2'));
        assertEquals(Sex.NOT_APPLICABLE, Sex.fromIso5218((byte) '9'));
        for (Sex sex : Sex.values()) {
            assertEquals(sex, Sex.parse(sex.word()));
            assertEquals(sex, Sex.parse(sex.jpkiCode()));
            assertEquals(sex, Sex.fromIso5218((byte) sex.iso5218()));
        }
    }

    @Test
    void refusesWhatNeitherEncodingHas() {
        assertThrows(IllegalArgumentException.class, () -> Sex.parse("9"));
        assertThrows(IllegalArgumentException.class, () -> Sex.parse("other"));
        // 0 (not known) is ISO 5218 but not allowed on the card
        assertThrows(MalformedCardDataException.class, () -> Sex.fromIso5218((byte) '0'));
    }
}
