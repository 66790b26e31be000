package jp.mynacard.host.cardface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.cardface.InputHelperVerification.Problem;
import jp.mynacard.host.fake.FakeInputHelperCard;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.host.fake.FakeTerminal;
import jp.mynacard.host.fake.InputHelperTestData;
import jp.mynacard.model.card.InvalidPinFormatException;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.Test;

class InputHelperCardTest {
    private static final CardAttributes SAMPLE = new CardAttributes(InputHelperTestData.NAME, InputHelperTestData.ADDRESS,
            LocalDate.of(1989, 3, 31), Sex.FEMALE);

    private FakeInputHelperCard fake = new FakeInputHelperCard();

    private InputHelperCard card() {
        return InputHelperCard.over(ApduChannel.over(fake));
    }

    @Test
    void pinOpensMyNumberAndAttributes() {
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
        assertEquals(InputHelperTestData.MY_NUMBER, card.myNumber());
        assertEquals(SAMPLE, card.attributes());
    }

    @Test
    void pinAOpensOnlyTheMyNumber() {
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN_A, InputHelperTestData.MY_NUMBER.toCharArray());
        assertEquals(InputHelperTestData.MY_NUMBER, card.myNumber());
        assertThrows(SecurityStatusNotSatisfiedException.class, card::attributes);
    }

    @Test
    void pinBOpensOnlyTheAttributes() {
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN_B, FakeInputHelperCard.PIN_B_VALUE.toCharArray());
        assertEquals(SAMPLE, card.attributes());
        assertThrows(SecurityStatusNotSatisfiedException.class, card::myNumber);
    }

    @Test
    void nothingPersonalWithoutAPinButTheSignerCertificate() {
        InputHelperCard card = card();
        assertThrows(SecurityStatusNotSatisfiedException.class, card::myNumber);
        assertThrows(SecurityStatusNotSatisfiedException.class, card::attributes);
        assertThrows(SecurityStatusNotSatisfiedException.class, card::verify);
        assertEquals(InputHelperTestData.signerCardVerifiableCertificate(), card.signerCertificate());
    }

    @Test
    void wrongPinCountsDownAndBlocks() {
        InputHelperCard card = card();
        WrongPinException e = assertThrows(WrongPinException.class,
                () -> card.verifyPin(InputHelperPin.PIN, "9999".toCharArray()));
        assertEquals(2, e.triesLeft());
        assertEquals(2, card.pinTriesLeft(InputHelperPin.PIN));
        assertFalse(e.getMessage().contains("9999"));
        card.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
        assertEquals(3, card.pinTriesLeft(InputHelperPin.PIN), "a right PIN restores the counter");
        fake.setTries(FakeInputHelperCard.PIN_B, 1);
        assertThrows(PinBlockedException.class,
                () -> card.verifyPin(InputHelperPin.PIN_B, "01033120340000".toCharArray()));
        assertEquals(0, card.pinTriesLeft(InputHelperPin.PIN_B));
    }

    @Test
    void pinAWithAWrongCheckDigitNeverReachesTheCard() {
        InputHelperCard card = card();
        // the government's specimen 123456789012 fails its own check digit
        InvalidPinFormatException e = assertThrows(InvalidPinFormatException.class,
                () -> card.verifyPin(InputHelperPin.PIN_A, "123456789012".toCharArray()));
        assertTrue(e.getMessage().contains("check digit"), e.getMessage());
        assertFalse(e.getMessage().contains("123456789012"));
        assertEquals(0, fake.count(0x20));
        assertEquals(10, fake.tries(FakeInputHelperCard.PIN_A));
    }

    @Test
    void malformedPinsAreRefusedLocally() {
        InputHelperCard card = card();
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(InputHelperPin.PIN, "12345".toCharArray()));
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(InputHelperPin.PIN_B, "0103312034567".toCharArray()));
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(InputHelperPin.PIN_A, "12345678901A".toCharArray()));
        assertEquals(0, fake.count(0x20));
    }

    @Test
    void rareKanjiAndALongAddressSurviveShortReads() {
        String name = "𠮷野　髙子";
        String address = "北海道札幌市" + "１２３４５６７８９０".repeat(19) + "丁目番地";
        assertEquals(200, address.length());
        fake = new FakeInputHelperCard(InputHelperTestData.of("123456789018", name, address, "20000229", '9'));
        fake.extendedLength = false; // forces several READ BINARYs sized from the FF 20 header
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
        assertEquals(new CardAttributes(name, address, LocalDate.of(2000, 2, 29), Sex.NOT_APPLICABLE), card.attributes());
        assertTrue(card.verify().genuine());
    }

    @Test
    void genuineWithThePinOrWithPinAAndPinB() {
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
        assertEquals(List.of(), card.verify().problems());
        assertTrue(card.verify(InputHelperTestData.signerCertificateParsed()).genuine());

        InputHelperCard again = card();
        again.verifyPin(InputHelperPin.PIN_A, InputHelperTestData.MY_NUMBER.toCharArray());
        assertThrows(SecurityStatusNotSatisfiedException.class, again::verify, "PIN-A alone does not open the attributes");
        again.verifyPin(InputHelperPin.PIN_B, FakeInputHelperCard.PIN_B_VALUE.toCharArray());
        assertTrue(again.verify().genuine());
    }

    @Test
    void aTamperedAddressIsAnAttributesHashMismatch() {
        byte[] ef = fake.file(0x0002);
        ef[ef.length - 5] ^= 0x01; // a continuation byte of the address's last kanji: still valid UTF-8
        InputHelperVerification result = verifiedCard().verify();
        assertEquals(List.of(Problem.ATTRIBUTES_HASH_MISMATCH), result.problems());
        assertEquals("attributes hash mismatch", result.describe());
    }

    @Test
    void aTamperedSignatureIsInvalid() {
        byte[] ef = fake.file(0x0003);
        ef[ef.length - 1] ^= 0x01;
        assertEquals(List.of(Problem.SIGNATURE_INVALID), verifiedCard().verify().problems());
    }

    @Test
    void aTamperedMyNumberIsAHashMismatchAndACorruptCard() {
        byte[] ef = fake.file(0x0001);
        ef[5] = (byte) (ef[5] == '9' ? '8' : ef[5] + 1);
        InputHelperCard card = verifiedCard();
        assertEquals(List.of(Problem.MY_NUMBER_HASH_MISMATCH), card.verify().problems());
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, card::myNumber);
        assertTrue(e.getMessage().contains("check digit"), e.getMessage());
    }

    @Test
    void anotherSignerIsNotTheExpectedOne() {
        InputHelperVerification result = verifiedCard().verify(InputHelperTestData.otherCertificate());
        assertEquals(List.of(Problem.UNEXPECTED_SIGNER), result.problems());
        assertEquals("signer certificate is not the expected one", result.describe());
    }

    @Test
    void malformedAttributesAreAClearError() {
        byte[] ef = fake.file(0x0002);
        ef[ef.length - 3] = 0x7F; // DF 25's length now runs past the end of FF 20
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, verifiedCard()::attributes);
        assertTrue(e.getMessage().startsWith("EF 0002"), e.getMessage());
    }

    @Test
    void aWrongOffsetTableIsMalformed() {
        fake.file(0x0002)[8] ^= 0x01; // low byte of DF 22's entry in DF 21
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, verifiedCard()::attributes);
        assertTrue(e.getMessage().contains("offset table"), e.getMessage());
    }

    @Test
    void invalidFieldsAreMalformed() {
        fake = new FakeInputHelperCard(InputHelperTestData.of("123456789018", "名", "住所", "19890230", '2'));
        assertThrows(MalformedCardDataException.class, verifiedCard()::attributes, "30 February");
        fake = new FakeInputHelperCard(InputHelperTestData.of("123456789018", "名", "住所", "19890331", '0'));
        assertThrows(MalformedCardDataException.class, verifiedCard()::attributes, "sex 0 is not on the card");
        fake = new FakeInputHelperCard(InputHelperTestData.of("123456789018", "名", "住所", "19890331", '1'));
        byte[] ef = fake.file(0x0002);
        ef[14] = (byte) 0xFF; // the name's first byte: never valid in UTF-8
        assertThrows(MalformedCardDataException.class, verifiedCard()::attributes);
    }

    @Test
    void aShortSignatureFileIsMalformed() {
        byte[] ef = fake.file(0x0003);
        fake.setFile(0x0003, java.util.Arrays.copyOf(ef, 300));
        assertThrows(RuntimeException.class, verifiedCard()::verify);
    }

    @Test
    void aCardWithoutTheApIsReported() {
        FakeJpkiCard jpkiOnly = new FakeJpkiCard();
        ApplicationNotFoundException e = assertThrows(ApplicationNotFoundException.class,
                () -> InputHelperCard.open(new FakeTerminal("Fake", jpkiOnly)));
        assertTrue(e.getMessage().contains("card-input-helper"), e.getMessage());
        assertEquals(1, jpkiOnly.disconnects, "the channel it opened is closed again");
    }

    private InputHelperCard verifiedCard() {
        InputHelperCard card = card();
        card.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
        return card;
    }
}
