package jp.mynacard.counter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.smartcardio.Card;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.cardface.FrontFace;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.InputHelperVerification;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.host.cardface.SurfaceVerification;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.host.trust.ValidationResult.Status;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.cardface.CardFaceImages;
import jp.mynacard.perso.centre.CentreCounter;
import jp.mynacard.perso.counter.AddressChange;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.CardInvalidation;
import jp.mynacard.perso.counter.CounterPin;
import jp.mynacard.perso.counter.FoundCard;
import jp.mynacard.perso.counter.LostCardReport;
import jp.mynacard.perso.counter.PinUnblock;
import jp.mynacard.perso.counter.RevocationCause;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;

/**
 * The counter operations end to end: the real applets on jcardsim, reached over the secure
 * channel, and the test centre over HTTP; what happened is checked the way a relying party
 * would, through OCSP (the host library's validator) and the card-face verification.
 */
class CounterOperationsTest {
    private static final byte[] MESSAGE = "counter operations".getBytes(StandardCharsets.UTF_8);
    private static final String NEW_ADDRESS = "大阪府大阪市北区中之島一丁目3番20号";

    private final CentreCounter centre = new CentreCounter(new CentreClient(VirtualCard.testCentre().uri(), null));

    @Test
    void addressChangeRevokesTheOldSignatureCertificateAndInstallsAValidNewOne() throws Exception {
        Holder holder = Holder.sample();
        VirtualCard card = VirtualCard.issue(holder);
        X509Certificate oldSign = x509(card.certificates().signCertificate());
        X509Certificate auth = x509(card.certificates().authCertificate());
        Holder moved = new Holder(holder.name(), holder.birthDate(), holder.sex(), NEW_ADDRESS, holder.myNumber(),
                holder.cardExpiry(), holder.securityCode(), holder.municipalityCode());

        byte[] issued = withChannel(card, channel ->
                new AddressChange(channel, VirtualCard.testIssuerKey(), centre).change(moved, oldSign.getSerialNumber()));

        CertificateValidator validator = validator(card.certificates());
        ValidationResult old = validator.validate(oldSign);
        assertEquals(Status.REVOKED, old.status(), old.describe());
        assertEquals(ValidationResult.OCSP, old.source());
        assertEquals(java.security.cert.CRLReason.AFFILIATION_CHANGED, old.reason().orElseThrow());
        X509Certificate newSign;
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            newSign = jpki.certificate(JpkiCertificate.SIGN);
            assertArrayEquals(issued, newSign.getEncoded());
            assertNotEquals(oldSign.getSerialNumber(), newSign.getSerialNumber());
            String certified = jpki.certifiedAttributes().address();
            assertTrue(certified.startsWith("大阪府大阪市北区中之島"), certified);
            assertVerifies(newSign, jpki.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, MESSAGE));
            assertArrayEquals(auth.getEncoded(), jpki.certificate(JpkiCertificate.AUTH).getEncoded(), "the authentication certificate stays");
        }
        assertTrue(validator.validate(newSign).valid(), validator.validate(newSign).describe());
        assertTrue(validator.validate(auth).valid(), validator.validate(auth).describe());

        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
            InputHelperVerification verification = helper.verify();
            assertTrue(verification.genuine(), verification.describe());
            assertEquals("大阪府大阪市北区中之島一丁目３番２０号", helper.attributes().address());
        }
        try (SurfaceCard surface = SurfaceCard.open(card.terminal())) {
            surface.verifyPin(SurfacePin.PIN_A, holder.myNumber().digits().toCharArray());
            SurfaceVerification verification = surface.verify();
            assertTrue(verification.genuine(), verification.describe());
            FrontFace face = surface.frontFace();
            assertArrayEquals(CardFaceImages.of(moved).address(), face.addressImage(), "the front face shows the new address");
            assertFalse(java.util.Arrays.equals(CardFaceImages.of(holder).address(), face.addressImage()));
        }
    }

    @Test
    void forgedAuthenticationsFromAStrangersReaderDoNotStopTheAddressChange() throws Exception {
        Holder holder = Holder.sample();
        VirtualCard card = VirtualCard.issue(holder);
        X509Certificate oldSign = x509(card.certificates().signCertificate());
        java.security.SecureRandom random = new java.security.SecureRandom();
        withChannel(card, stranger -> {
            assertEquals(0x9000, stranger.transmit(new javax.smartcardio.CommandAPDU(0x00, 0xA4, 0x04, 0x0C,
                    jp.mynacard.model.card.CardApplication.JPKI.aid())).getSW());
            for (int i = 0; i < 10; i++) {
                byte[] challenge = new byte[8];
                byte[] forged = new byte[16];
                random.nextBytes(challenge);
                random.nextBytes(forged);
                stranger.transmit(new javax.smartcardio.CommandAPDU(0x80, 0x50, 0, 0, challenge, 256));
                assertNotEquals(0x9000, stranger.transmit(new javax.smartcardio.CommandAPDU(0x84, 0x82, 0, 0, forged)).getSW(), "forgery " + i);
            }
            return null;
        });
        Holder moved = new Holder(holder.name(), holder.birthDate(), holder.sex(), NEW_ADDRESS, holder.myNumber(),
                holder.cardExpiry(), holder.securityCode(), holder.municipalityCode());

        byte[] issued = withChannel(card, channel ->
                new AddressChange(channel, VirtualCard.testIssuerKey(), centre).change(moved, oldSign.getSerialNumber()));

        ValidationResult renewed = validator(card.certificates()).validate(x509(issued));
        assertTrue(renewed.valid(), renewed.describe());
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            assertArrayEquals(issued, jpki.readCertificate(JpkiCertificate.SIGN), "the counter renewed the certificate on the card");
        }
    }

    @Test
    void aBlockedAuthenticationPinIsResetAndTheCardSignsAgain() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            for (int i = 0; i < 2; i++) {
                assertThrows(WrongPinException.class, () -> jpki.verifyPin(JpkiKey.AUTH, "9999".toCharArray()));
            }
            assertThrows(PinBlockedException.class, () -> jpki.verifyPin(JpkiKey.AUTH, "9999".toCharArray()));
            assertThrows(PinBlockedException.class, () -> jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray()));
        }
        char[] newPin = "2468".toCharArray();
        withChannel(card, channel -> {
            new PinUnblock(channel, VirtualCard.testIssuerKey()).reset(CounterPin.JPKI_AUTH, newPin);
            return null;
        });
        assertArrayEquals(new char[4], newPin, "the caller's copy of the PIN is wiped");
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            assertEquals(3, jpki.pinTriesLeft(JpkiKey.AUTH));
            assertThrows(WrongPinException.class, () -> jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray()), "the old PIN is gone");
            jpki.verifyPin(JpkiKey.AUTH, "2468".toCharArray());
            assertVerifies(x509(card.certificates().authCertificate()), jpki.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE));
        }
    }

    @Test
    void theSignatureAndInputHelperPinsAreResetToo() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        withChannel(card, channel -> {
            PinUnblock unblock = new PinUnblock(channel, VirtualCard.testIssuerKey());
            unblock.reset(CounterPin.JPKI_SIGN, "NEWPIN99".toCharArray());
            unblock.reset(CounterPin.INPUT_HELPER, "8642".toCharArray());
            return null;
        });
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            assertThrows(WrongPinException.class, () -> jpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray()));
            jpki.verifyPin(JpkiKey.SIGN, "NEWPIN99".toCharArray());
        }
        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, "8642".toCharArray());
            assertEquals("123456789018", helper.myNumber());
        }
    }

    @Test
    void aPinOfTheWrongFormatIsRefusedBeforeTheCardIsTouched() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        IllegalArgumentException refused = withChannel(card, channel -> assertThrows(IllegalArgumentException.class,
                () -> new PinUnblock(channel, VirtualCard.testIssuerKey()).reset(CounterPin.JPKI_AUTH, "12a4".toCharArray())));
        assertFalse(refused.getMessage().contains("12a4"), refused.getMessage());
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
        }
    }

    @Test
    void lostSuspendsBothFoundRevokesThemAndRenewsBothKeys() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        X509Certificate auth = x509(card.certificates().authCertificate());
        X509Certificate sign = x509(card.certificates().signCertificate());
        CardCertificates serials = new CardCertificates(auth.getSerialNumber(), sign.getSerialNumber());
        CertificateValidator validator = validator(card.certificates());

        new LostCardReport(centre).report(serials);
        assertEquals(Status.SUSPENDED, validator.validate(auth).status());
        assertEquals(Status.SUSPENDED, validator.validate(sign).status());

        FoundCard.Outcome outcome = withChannel(card, channel ->
                new FoundCard(channel, VirtualCard.testIssuerKey(), centre).recover(Holder.sample(), serials));
        assertEquals(Status.REVOKED, validator.validate(auth).status());
        assertEquals(Status.REVOKED, validator.validate(sign).status());
        X509Certificate newSign = x509(outcome.signCertificate());
        X509Certificate newAuth = x509(outcome.authCertificate());
        for (X509Certificate renewed : List.of(newSign, newAuth)) {
            ValidationResult result = validator.validate(renewed);
            assertTrue(result.valid(), result.describe());
        }
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            assertArrayEquals(outcome.signCertificate(), jpki.readCertificate(JpkiCertificate.SIGN));
            assertVerifies(newSign, jpki.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, MESSAGE));
            assertArrayEquals(outcome.authCertificate(), jpki.readCertificate(JpkiCertificate.AUTH));
            jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
            assertVerifies(newAuth, jpki.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE));
        }
    }

    @Test
    void invalidateRevokesBoth() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        X509Certificate auth = x509(card.certificates().authCertificate());
        X509Certificate sign = x509(card.certificates().signCertificate());
        CardCertificates serials = CardCertificates.ofHex(auth.getSerialNumber().toString(16), sign.getSerialNumber().toString(16));
        CardInvalidation invalidation = new CardInvalidation(centre);
        assertThrows(IllegalArgumentException.class, () -> invalidation.invalidate(serials, RevocationCause.AFFILIATION_CHANGED));

        invalidation.invalidate(serials, RevocationCause.CESSATION_OF_OPERATION);
        CertificateValidator validator = validator(card.certificates());
        ValidationResult authResult = validator.validate(auth);
        assertEquals(Status.REVOKED, authResult.status(), authResult.describe());
        assertEquals(java.security.cert.CRLReason.CESSATION_OF_OPERATION, authResult.reason().orElseThrow());
        assertEquals(Status.REVOKED, validator.validate(sign).status());
    }

    private static CertificateValidator validator(IssuedCertificates issued) throws Exception {
        return CertificateValidator.builder()
                .trustAnchors(List.of(x509(issued.authCaCertificate()), x509(issued.signCaCertificate())))
                .ocsp(true).build();
    }

    private static <T> T withChannel(VirtualCard card, java.util.function.Function<ApduChannel, T> operation) {
        try {
            Card connected = card.terminal().connect("*");
            try {
                return operation.apply(ApduChannel.over(connected.getBasicChannel()));
            } finally {
                connected.disconnect(true);
            }
        } catch (javax.smartcardio.CardException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertVerifies(X509Certificate certificate, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature));
    }

    private static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
