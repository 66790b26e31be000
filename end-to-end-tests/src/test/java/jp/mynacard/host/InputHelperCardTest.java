package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.cardface.ApBasicData;
import jp.mynacard.host.cardface.CardAttributes;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.InputHelperVerification;
import jp.mynacard.jlis.ca.CentreCardDataSigner;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.cardface.InputHelperFiles;
import jp.mynacard.perso.cardface.PrintedDataKeys;
import jp.mynacard.perso.channel.PersonalizationSession;
import jp.mynacard.sim.VirtualCard;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/** The host library's card-input-helper API against the real applet on jcardsim. */
class InputHelperCardTest {
    private static final byte[] AID = java.util.HexFormat.of().parseHex("D3921000310001010408");

    @Test
    void readsTheSampleHolderWithEachAcceptedPinAndFindsItGenuine() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        X509Certificate centreSigner = VirtualCard.testCentre().administration().authorityCertificate("card-data");
        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            ApBasicData basic = helper.apBasicData(); // no PIN needed
            assertArrayEquals(new byte[] {1, 0, 0, 0}, basic.apInfo());
            assertArrayEquals(helper.signerCertificate().subjectKeyId(), basic.keyId(),
                    "the key id names the card-data signer's card-verifiable certificate");
            assertEquals(568, helper.signerCertificate().encoded().length, "the size public readers read from EF 0004");
            assertTrue(helper.signerCertificate().isSelfIssuedFor(centreSigner.getPublicKey()),
                    "EF 0004 carries the key the centre publishes, signed by it");
            assertThrows(SecurityStatusNotSatisfiedException.class, helper::myNumber);
            helper.verifyPin(InputHelperPin.PIN_B, "01033120345678".toCharArray());
            CardAttributes attributes = helper.attributes();
            assertEquals("番号　花子", attributes.name());
            assertEquals("東京都千代田区霞が関二丁目１番２号", attributes.address());
            assertEquals(LocalDate.of(1989, 3, 31), attributes.birthDate());
            assertThrows(SecurityStatusNotSatisfiedException.class, helper::myNumber, "PIN-B does not open the My Number");
            helper.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
            assertEquals("123456789018", helper.myNumber());
            InputHelperVerification verification = helper.verify(centreSigner);
            assertTrue(verification.genuine(), verification.describe());
        }
    }

    @Test
    void anAddressAlteredAfterIssuanceIsCaughtAndNamed() {
        Holder holder = Holder.sample();
        CentreCardDataSigner signer = new CentreCardDataSigner(CertificateAuthority.create(
                new X500Name("CN=card data signer"), java.time.Clock.systemUTC()));
        InputHelperFiles genuine = InputHelperFiles.of(holder, signer);
        byte[] attributes = genuine.attributes().clone();
        byte[] two = "２".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(attributes, two);
        attributes[at + 2] ^= 0x01; // １番２号 becomes １番３号: still UTF-8, no longer what was signed
        VirtualCard card = writeInputHelper(holder, new InputHelperFiles(genuine.myNumber(), attributes,
                genuine.signature(), genuine.signerCertificate(), genuine.apBasicData()));
        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
            assertEquals("東京都千代田区霞が関二丁目１番３号", helper.attributes().address());
            InputHelperVerification verification = helper.verify(signer.certificateAsX509());
            assertFalse(verification.genuine());
            assertEquals(List.of(InputHelperVerification.Problem.ATTRIBUTES_HASH_MISMATCH), verification.problems());
        }
    }

    @Test
    void dataSignedByAnotherSignerIsNotTheCentres() {
        Holder holder = Holder.sample();
        CentreCardDataSigner forger = new CentreCardDataSigner(CertificateAuthority.create(
                new X500Name("CN=forger"), java.time.Clock.systemUTC()));
        VirtualCard card = writeInputHelper(holder, InputHelperFiles.of(holder, forger));
        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
            InputHelperVerification verification = helper.verify(
                    VirtualCard.testCentre().administration().authorityCertificate("card-data"));
            assertTrue(verification.problems().contains(InputHelperVerification.Problem.UNEXPECTED_SIGNER), verification.describe());
        }
    }

    /** A blank card whose input-helper AP holds exactly these files, as a forger with a blank chip would write them. */
    private static VirtualCard writeInputHelper(Holder holder, InputHelperFiles files) {
        VirtualCard card = VirtualCard.blank();
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            PersonalizationSession prelock = PersonalizationSession.open(channel, VirtualCard.testIssuerKey(), AID, "card-input-helper AP");
            prelock.writeFile(0x0001, files.myNumber());
            prelock.writeFile(0x0002, files.attributes());
            prelock.writeFile(0x0003, files.signature());
            prelock.writeFile(0x0004, files.signerCertificate());
            prelock.writeFile(0x0005, files.apBasicData());
            prelock.setPin(0x0011, "1234".getBytes(StandardCharsets.US_ASCII));
            prelock.setPin(0x0014, PrintedDataKeys.pinA(holder));
            prelock.setPin(0x0015, PrintedDataKeys.pinB(holder));
            prelock.lock();
        }
        return card;
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
