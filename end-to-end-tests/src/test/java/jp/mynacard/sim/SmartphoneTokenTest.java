package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.jpki.CertifiedAttributes;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.perso.JpkiPins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The phone's JPKI token (スマホ用電子証明書, spec §3, C15), issued against a card through the
 * real centre: the card's signature key vouches for the phone's keys, the centre issues to the
 * holder the card's certificate names, and the phone answers as public readers expect.
 */
class SmartphoneTokenTest {
    private static final String PHONE_AUTH_PIN = "5678";
    private static final String PHONE_SIGN_PIN = "PHONE2026";
    private static VirtualCard card;

    @BeforeAll
    static void issueCard() {
        card = VirtualCard.issue(Holder.sample());
    }

    @ParameterizedTest
    @EnumSource(SmartphonePlatform.class)
    void thePhoneNamesItsPlatformAndHoldsItsOwnKeysForTheCardsHolder(SmartphonePlatform platform) throws Exception {
        VirtualCard phone = card.issueSmartphone(platform, "ABCDEF12".toCharArray(), phonePins());
        try (ApduChannel channel = ApduChannel.open(phone.terminal())) {
            channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, CardApplication.JPKI.aid()));
            channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {0x00, 0x06}));
            byte[] token = channel.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 0x20)).getData();
            assertEquals(platform.tokenLabel(), new String(token, StandardCharsets.US_ASCII).trim());
        }
        try (JpkiCard phoneJpki = JpkiCard.open(phone.terminal()); JpkiCard cardJpki = JpkiCard.open(card.terminal())) {
            assertThrows(SecurityStatusNotSatisfiedException.class, () -> phoneJpki.readCertificate(JpkiCertificate.AUTH),
                    "a phone's authentication certificate is behind its PIN");
            phoneJpki.verifyPin(JpkiKey.AUTH, PHONE_AUTH_PIN.toCharArray());
            X509Certificate phoneAuth = phoneJpki.certificate(JpkiCertificate.AUTH);
            phoneJpki.verifyPin(JpkiKey.SIGN, PHONE_SIGN_PIN.toCharArray());
            CertifiedAttributes phoneHolder = phoneJpki.certifiedAttributes();
            cardJpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            assertEquals(cardJpki.certifiedAttributes(), phoneHolder, "the same holder as the card's");
            assertNotEquals(cardJpki.certificate(JpkiCertificate.AUTH).getPublicKey(), phoneAuth.getPublicKey(), "the phone's own key");
            phoneAuth.verify(phoneJpki.certificate(JpkiCertificate.AUTH_CA).getPublicKey());
            byte[] signature = phoneJpki.sign(JpkiKey.SIGN, jp.mynacard.host.jpki.DigestAlgorithm.SHA256, "届出".getBytes(StandardCharsets.UTF_8));
            java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(phoneJpki.certificate(JpkiCertificate.SIGN).getPublicKey());
            verifier.update("届出".getBytes(StandardCharsets.UTF_8));
            assertEquals(true, verifier.verify(signature), "the phone signs with the key its certificate names");
        }
    }

    @Test
    void withoutTheCardsSignaturePinNothingIsIssued() {
        assertThrows(WrongPinException.class, () -> card.issueSmartphone(SmartphonePlatform.ANDROID, "WRONG123".toCharArray(), phonePins()));
        try (JpkiCard cardJpki = JpkiCard.open(card.terminal())) {
            cardJpki.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray()); // back to 5 tries for the other tests
        }
    }

    /** The centre's policy (docs/smartphone-certificates.md): the card's revocation ends the phone's; a lost card's suspension does not. */
    @Test
    void revokingTheCardsSignatureCertificateRevokesThePhonesAndSuspendingItDoesNot() throws Exception {
        VirtualCard holderCard = VirtualCard.issue(Holder.sample());
        VirtualCard phone = holderCard.issueSmartphone(SmartphonePlatform.ANDROID, "ABCDEF12".toCharArray(), phonePins());
        CentreClient centre = VirtualCard.testCentreClient();
        String cardSign = hex(holderCard.certificates().signCertificate());
        String phoneAuth = hex(phone.certificates().authCertificate());
        String phoneSign = hex(phone.certificates().signCertificate());

        centre.suspend(cardSign, "sign");
        assertEquals("suspended", centre.status(cardSign, "sign").state());
        assertEquals("good", centre.status(phoneAuth, "auth").state(), "a lost card's suspension leaves the phone alone");
        assertEquals("good", centre.status(phoneSign, "sign").state());

        centre.revoke(cardSign, "affiliationChanged", "sign");
        assertEquals("revoked", centre.status(phoneAuth, "auth").state(), "issued on the card's strength, it cannot outlive it");
        assertEquals("revoked", centre.status(phoneSign, "sign").state());
    }

    private static JpkiPins phonePins() {
        return new JpkiPins(PHONE_AUTH_PIN.toCharArray(), PHONE_SIGN_PIN.toCharArray());
    }

    private static String hex(byte[] certificateDer) throws Exception {
        X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(certificateDer));
        return certificate.getSerialNumber().toString(16);
    }
}
