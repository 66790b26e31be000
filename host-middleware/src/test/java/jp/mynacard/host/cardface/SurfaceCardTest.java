package jp.mynacard.host.cardface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.cardface.SurfaceVerification.Problem;
import jp.mynacard.host.fake.FakeInputHelperCard;
import jp.mynacard.host.fake.FakeSurfaceCard;
import jp.mynacard.host.fake.InputHelperTestData;
import jp.mynacard.host.fake.SurfaceTestData;
import jp.mynacard.model.card.InvalidPinFormatException;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.Test;

class SurfaceCardTest {
    private final FakeSurfaceCard fake = new FakeSurfaceCard();

    private SurfaceCard card() {
        return SurfaceCard.over(ApduChannel.over(fake));
    }

    private static char[] chars(String s) {
        return s.toCharArray();
    }

    @Test
    void aCardWithoutTheApIsRefused() {
        assertThrows(ApplicationNotFoundException.class, () -> SurfaceCard.over(ApduChannel.over(new FakeInputHelperCard())));
    }

    @Test
    void withoutAPinOnlyTheApInformationAndTheSignerCertificateAreReadable() {
        SurfaceCard card = card();
        assertEquals(new ApInfo("131016", "MN2026000001", 1), card.apInfo());
        assertEquals(InputHelperTestData.signerCardVerifiableCertificate(), card.signerCertificate());
        assertThrows(SecurityStatusNotSatisfiedException.class, card::frontFace);
        assertThrows(SecurityStatusNotSatisfiedException.class, card::ageRecord);
        assertThrows(SecurityStatusNotSatisfiedException.class, card::myNumberImage);
    }

    @Test
    void pinBOpensTheFrontFaceOnly() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        assertEquals(LocalDate.of(1989, 3, 31), card.frontFace().birthDate());
        assertThrows(SecurityStatusNotSatisfiedException.class, card::ageRecord);
        assertThrows(SecurityStatusNotSatisfiedException.class, card::myNumberImage);
    }

    @Test
    void pinAOpensBothFaces() throws IOException {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_A, chars(SurfaceTestData.MY_NUMBER));
        card.frontFace();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(card.myNumberImage()));
        assertEquals(200, back.getWidth());
        assertThrows(SecurityStatusNotSatisfiedException.class, card::ageRecord);
    }

    @Test
    void theBirthDateKeyOpensTheAgeRecordOnly() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.BIRTH_DATE_KEY, chars(SurfaceTestData.BIRTH_DATE_KEY));
        AgeRecord record = card.ageRecord();
        assertEquals(LocalDate.of(1989, 3, 31), record.birthDate());
        assertTrue(record.signatureValidFor(InputHelperTestData.signerCertificateParsed().getPublicKey()));
        assertThrows(SecurityStatusNotSatisfiedException.class, card::frontFace);
    }

    @Test
    void selectingTheApAgainForgetsTheVerifiedPins() {
        card().verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card().frontFace());
    }

    @Test
    void pinAWithAWrongCheckDigitIsRefusedWithoutSpendingATry() {
        SurfaceCard card = card();
        InvalidPinFormatException e = assertThrows(InvalidPinFormatException.class,
                () -> card.verifyPin(SurfacePin.PIN_A, chars("123456789012")));
        assertTrue(e.getMessage().contains("check digit"));
        assertFalse(e.getMessage().contains("123456789012"));
        assertEquals(0, fake.count(0x20));
        assertEquals(10, fake.tries(FakeSurfaceCard.PIN_A));
    }

    @Test
    void malformedPinsAreRefusedLocally() {
        SurfaceCard card = card();
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(SurfacePin.BIRTH_DATE_KEY, chars("19890331")));
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(SurfacePin.PIN_B, chars("0103312034567")));
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(SurfacePin.PIN_A, chars("12345678901a")));
        assertEquals(0, fake.count(0x20));
    }

    @Test
    void aWrongPinCostsATryOfItsOwnCounter() {
        SurfaceCard card = card();
        WrongPinException e = assertThrows(WrongPinException.class,
                () -> card.verifyPin(SurfacePin.BIRTH_DATE_KEY, chars("010401")));
        assertEquals(9, e.triesLeft());
        assertEquals(9, card.pinTriesLeft(SurfacePin.BIRTH_DATE_KEY));
        assertEquals(10, card.pinTriesLeft(SurfacePin.PIN_B));
        assertEquals(10, card.pinTriesLeft(SurfacePin.PIN_A));
        card.verifyPin(SurfacePin.BIRTH_DATE_KEY, chars(SurfaceTestData.BIRTH_DATE_KEY));
        assertEquals(10, card.pinTriesLeft(SurfacePin.BIRTH_DATE_KEY));
    }

    @Test
    void theFrontFaceParses() throws IOException {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        FrontFace face = card.frontFace();
        assertEquals(LocalDate.of(1989, 3, 31), face.birthDate());
        assertEquals(Sex.FEMALE, face.sex());
        assertEquals(LocalDate.of(2034, 3, 31), face.expiry());
        RSAPublicKey key = (RSAPublicKey) SurfaceTestData.sample().cardKey().getPublic();
        assertEquals(key, face.cardAuthenticationKey());
        assertEquals(SurfaceTestData.NAME_WIDTH, ImageIO.read(new ByteArrayInputStream(face.nameImage())).getWidth());
        assertEquals(240, ImageIO.read(new ByteArrayInputStream(face.addressImage())).getWidth());
        assertEquals(60, ImageIO.read(new ByteArrayInputStream(face.securityCodeImage())).getWidth());
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(face.photo()));
        assertEquals(SurfaceTestData.PHOTO_WIDTH, photo.getWidth());
        assertEquals(SurfaceTestData.PHOTO_HEIGHT, photo.getHeight());
        assertEquals(256, face.signature().length);
        assertEquals(96, face.signedDigests().length);
        assertTrue(face.signatureValidFor(InputHelperTestData.signerCertificateParsed().getPublicKey()));
        assertFalse(face.signatureValidFor(InputHelperTestData.otherCertificate().getPublicKey()));
    }

    @Test
    void theFrontFaceReadsWithShortApdusToo() {
        fake.extendedLength = false;
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        assertTrue(fake.file(0x0002).length > 256);
        assertEquals(Sex.FEMALE, card.frontFace().sex());
    }

    @Test
    void aWrongOffsetTableIsMalformed() {
        byte[] ef = fake.file(0x0002);
        int table = indexOf(ef, new byte[] {(byte) 0xDF, 0x21}) + 3;
        ef[table + 1] ^= 1;
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, card::frontFace);
        assertTrue(e.getMessage().contains("offset table"), e.getMessage());
    }

    @Test
    void theGenuineCardVerifiesWithBothFacesUnderPinA() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_A, chars(SurfaceTestData.MY_NUMBER));
        SurfaceVerification result = card.verify(InputHelperTestData.signerCertificateParsed());
        assertTrue(result.genuine(), result.describe());
        assertTrue(result.backFaceChecked());
        assertEquals("the expiry date and security code are not covered by the signature", result.note());
    }

    @Test
    void underPinBTheBackFaceIsNotChecked() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        SurfaceVerification result = card.verify();
        assertTrue(result.genuine(), result.describe());
        assertFalse(result.backFaceChecked());
    }

    @Test
    void oneFlippedByteOfTheAddressImageInvalidatesTheFrontFaceSignature() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        byte[] address = card.frontFace().addressImage();
        byte[] ef = fake.file(0x0002);
        ef[indexOf(ef, address) + address.length / 2] ^= 0x01;
        SurfaceVerification result = card.verify(InputHelperTestData.signerCertificateParsed());
        assertEquals(List.of(Problem.FRONT_FACE_SIGNATURE_INVALID), result.problems());
        assertEquals("front face signature invalid", result.describe());
    }

    @Test
    void aChangedExpiryDateStillVerifiesBecauseTheSignatureDoesNotCoverIt() {
        byte[] ef = fake.file(0x0002);
        int expiry = indexOf(ef, "20340331".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ef[expiry + 3] = '9';
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        assertEquals(LocalDate.of(2039, 3, 31), card.frontFace().expiry());
        SurfaceVerification result = card.verify();
        assertTrue(result.genuine());
        assertTrue(result.note().contains("expiry date and security code are not covered"));
    }

    @Test
    void theSameDataOnAnotherChipFailsCardAuthentication() {
        FakeSurfaceCard copy = new FakeSurfaceCard(SurfaceTestData.sample(), SurfaceTestData.newCardKey());
        SurfaceCard card = SurfaceCard.over(ApduChannel.over(copy));
        card.verifyPin(SurfacePin.PIN_A, chars(SurfaceTestData.MY_NUMBER));
        assertFalse(card.authenticateCard(card.frontFace().cardAuthenticationKey()));
        SurfaceVerification result = card.verify(InputHelperTestData.signerCertificateParsed());
        assertEquals(List.of(Problem.CARD_AUTHENTICATION_FAILED), result.problems());
        assertEquals("card authentication failed (not the chip the centre issued)", result.describe());
    }

    @Test
    void cardAuthenticationNeedsNoPinAndUsesAFreshChallenge() {
        SurfaceCard card = card();
        RSAPublicKey key = (RSAPublicKey) SurfaceTestData.sample().cardKey().getPublic();
        assertTrue(card.authenticateCard(key));
        assertTrue(card.authenticateCard(key));
        List<byte[]> challenges = fake.commands.stream().filter(c -> c.getINS() == 0x2A).map(c -> c.getData()).toList();
        assertEquals(2, challenges.size());
        assertEquals(51, challenges.get(0).length); // SHA-256 DigestInfo
        assertFalse(java.util.Arrays.equals(challenges.get(0), challenges.get(1)));
        assertEquals(0, fake.count(0x20));
    }

    @Test
    void anUnexpectedSignerIsNamed() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        SurfaceVerification result = card.verify(InputHelperTestData.otherCertificate());
        assertEquals(List.of(Problem.UNEXPECTED_SIGNER), result.problems());
    }

    @Test
    void aTamperedBackFaceIsNamedWhenReadable() {
        byte[] ef = fake.file(0x0005);
        ef[ef.length - 300] ^= 0x40; // inside the PNG of DF 41
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_A, chars(SurfaceTestData.MY_NUMBER));
        assertEquals(List.of(Problem.BACK_FACE_SIGNATURE_INVALID), card.verify().problems());
        SurfaceCard pinBOnly = card();
        pinBOnly.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        assertTrue(pinBOnly.verify().genuine());
    }

    @Test
    void aFrontFaceSignedByAnotherKeyIsInvalid() {
        byte[] ef = fake.file(0x0002);
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        byte[] signature = card.frontFace().signature();
        int at = indexOf(ef, signature);
        for (int i = 0; i < signature.length; i++) {
            ef[at + i] = (byte) i;
        }
        assertEquals(List.of(Problem.FRONT_FACE_SIGNATURE_INVALID), card.verify().problems());
    }

    @Test
    void aPhotoThatDoesNotDecodeIsMalformedCardData() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        byte[] photo = card.frontFace().photo();
        java.util.Arrays.fill(fake.file(0x0002), indexOf(fake.file(0x0002), photo), indexOf(fake.file(0x0002), photo) + photo.length,
                (byte) 0x55);
        MalformedCardDataException e = assertThrows(MalformedCardDataException.class, () -> FrontFaceImage.compose(card.frontFace()));
        assertTrue(e.getMessage().contains("photo"), e.getMessage());
    }

    @Test
    void theComposedFaceHasTheSizeOfACard() {
        SurfaceCard card = card();
        card.verifyPin(SurfacePin.PIN_B, chars(SurfaceTestData.PIN_B));
        BufferedImage face = FrontFaceImage.compose(card.frontFace());
        assertEquals(FrontFaceImage.WIDTH, face.getWidth());
        assertEquals(FrontFaceImage.HEIGHT, face.getHeight());
        // the photo's grey lands in the photo box on the right
        int grey = face.getRGB(FrontFaceImage.WIDTH - 24 - 120, 60 + 150) & 0xFF;
        assertTrue(grey > 0x40 && grey < 0xC0, Integer.toHexString(grey));
    }

    static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
