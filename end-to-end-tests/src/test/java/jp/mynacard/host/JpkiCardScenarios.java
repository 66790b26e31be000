package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.card.InvalidPinFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a kiosk or a service does with the host library, run against a freshly issued sample
 * card. Subclasses put the card behind a reader: jcardsim in-process, or pcscd through vpcd.
 */
abstract class JpkiCardScenarios {
    static final char[] AUTH_PIN = "1234".toCharArray();
    static final char[] SIGN_PIN = "ABCDEF12".toCharArray();
    private static final byte[] MESSAGE = "転入届 2026-11-23 千代田区".getBytes(StandardCharsets.UTF_8);

    private CardTerminal terminal;
    JpkiCard card;

    /** A reader holding a newly issued card of the sample holder. */
    abstract CardTerminal insertFreshCard() throws Exception;

    abstract void removeCard() throws Exception;

    @BeforeEach
    void open() throws Exception {
        terminal = insertFreshCard();
        card = JpkiCard.open(terminal);
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (card != null) {
                card.close();
            }
        } finally {
            removeCard();
        }
    }

    /** Power-cycles the card the way a reader does, and opens the JPKI AP again. */
    void resetCard() {
        card.channel().reset();
        card = JpkiCard.open(terminal);
    }

    @Test
    void readsTheFourCertificatesAndEachChainsToItsCa() throws Exception {
        X509Certificate auth = card.certificate(JpkiCertificate.AUTH);
        X509Certificate authCa = card.certificate(JpkiCertificate.AUTH_CA);
        X509Certificate signCa = card.certificate(JpkiCertificate.SIGN_CA);
        card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
        X509Certificate sign = card.certificate(JpkiCertificate.SIGN);

        auth.verify(authCa.getPublicKey());
        sign.verify(signCa.getPublicKey());
        assertTrue(authCa.getSubjectX500Principal().getName().contains("OU=JPKI for user authentication"));
        assertTrue(signCa.getSubjectX500Principal().getName().contains("OU=JPKI for digital signature"));
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) auth.getPublicKey()).getModulus().bitLength());
    }

    @Test
    void aServiceProviderReadsTheCertifiedFourAttributesWithTheSignPin() {
        assertThrows(SecurityStatusNotSatisfiedException.class, card::certifiedAttributes);
        card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
        jp.mynacard.model.jpki.CertifiedAttributes attributes = card.certifiedAttributes();
        assertEquals("番号　花子", attributes.name());
        assertEquals("東京都千代田区霞が関二丁目１番２号", attributes.address());
        assertEquals(java.time.LocalDate.of(1989, 3, 31), attributes.birthDate());
        assertEquals("2", attributes.sexCode());
    }

    /** EF 0008 without a PIN (C4): an adult's card holds both certificates. */
    @Test
    void certificateAvailabilityNamesBothCertificatesWithoutAPin() {
        assertEquals(new jp.mynacard.host.jpki.CertificateAvailability(true, true), card.certificateAvailability());
    }

    @Test
    void signatureCertificateNeedsTheSignPin() {
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.readCertificate(JpkiCertificate.SIGN));
    }

    @Test
    void pinStatusShowsFullCounters() {
        assertEquals(3, card.pinTriesLeft(JpkiKey.AUTH));
        assertEquals(5, card.pinTriesLeft(JpkiKey.SIGN));
    }

    @Test
    void authKeySignsMessagesAndHashesThatVerifyAgainstItsCertificate() throws Exception {
        X509Certificate auth = card.certificate(JpkiCertificate.AUTH);
        card.verifyPin(JpkiKey.AUTH, AUTH_PIN);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            assertVerifies(auth, algorithm, card.sign(JpkiKey.AUTH, algorithm, MESSAGE));
            assertVerifies(auth, algorithm, card.signHash(JpkiKey.AUTH, algorithm, algorithm.digest(MESSAGE)));
        }
    }

    @Test
    void signKeySignsAfterTheSignPinOnly() throws Exception {
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, MESSAGE));
        card.verifyPin(JpkiKey.AUTH, AUTH_PIN);
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, MESSAGE));
        card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
        assertVerifies(card.certificate(JpkiCertificate.SIGN), DigestAlgorithm.SHA256,
                card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, MESSAGE));
    }

    @Test
    void aResetForgetsVerifiedPins() {
        card.verifyPin(JpkiKey.AUTH, AUTH_PIN);
        card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE);
        resetCard();
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE));
    }

    @Test
    void wrongPinsCountDownThenBlockAndAResetDoesNotRestoreThem() {
        char[] wrong = "0000".toCharArray();
        assertEquals(2, assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.AUTH, wrong)).triesLeft());
        assertEquals(1, assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.AUTH, wrong)).triesLeft());
        assertThrows(PinBlockedException.class, () -> card.verifyPin(JpkiKey.AUTH, wrong));
        assertEquals(0, card.pinTriesLeft(JpkiKey.AUTH));
        assertThrows(PinBlockedException.class, () -> card.verifyPin(JpkiKey.AUTH, AUTH_PIN));

        resetCard();
        assertEquals(0, card.pinTriesLeft(JpkiKey.AUTH));
        assertThrows(PinBlockedException.class, () -> card.verifyPin(JpkiKey.AUTH, AUTH_PIN));
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE));
        assertEquals(5, card.pinTriesLeft(JpkiKey.SIGN));
        card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
    }

    @Test
    void aRightPinRestoresTheCounter() {
        assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.SIGN, "WRONG1".toCharArray()));
        assertEquals(4, card.pinTriesLeft(JpkiKey.SIGN));
        card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
        assertEquals(5, card.pinTriesLeft(JpkiKey.SIGN));
    }

    @Test
    void aMalformedPinCostsNoTry() {
        for (String malformed : List.of("123", "12345", "12a4")) {
            assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(JpkiKey.AUTH, malformed.toCharArray()));
        }
        assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(JpkiKey.SIGN, "abcdef12".toCharArray()));
        assertEquals(3, card.pinTriesLeft(JpkiKey.AUTH));
        assertEquals(5, card.pinTriesLeft(JpkiKey.SIGN));
    }

    @Test
    void aChangedPinIsTheOnlyOneThatWorksAfterwards() {
        card.changePin(JpkiKey.AUTH, AUTH_PIN, "2580".toCharArray());
        resetCard();
        assertEquals(2, assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.AUTH, AUTH_PIN)).triesLeft());
        card.verifyPin(JpkiKey.AUTH, "2580".toCharArray());
        assertEquals(3, card.pinTriesLeft(JpkiKey.AUTH));
    }

    @Test
    void certificatesReadTheSameOnEveryRead() {
        assertArrayEquals(card.readCertificate(JpkiCertificate.AUTH), card.readCertificate(JpkiCertificate.AUTH));
    }

    private static void assertVerifies(X509Certificate certificate, DigestAlgorithm algorithm, byte[] signature) throws Exception {
        assertEquals(256, signature.length);
        Signature verifier = Signature.getInstance(algorithm.jcaSignatureName());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature), algorithm + " signature does not verify against " + certificate.getSubjectX500Principal());
    }
}
