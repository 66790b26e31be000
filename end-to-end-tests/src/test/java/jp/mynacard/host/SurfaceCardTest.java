package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.cardface.AgeProof;
import jp.mynacard.host.cardface.FrontFace;
import jp.mynacard.host.cardface.FrontFaceImage;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.host.cardface.SurfaceVerification;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.cardface.PrintedDataKeys;
import jp.mynacard.perso.cardface.SurfaceFiles;
import jp.mynacard.perso.channel.PersonalizationSession;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;

/** The host library's card-surface API against the real applet: genuine, composed, age, and a cloned chip caught. */
class SurfaceCardTest {
    private static final byte[] AID = HexFormat.of().parseHex("D3921000310001010402");
    private static final int EF_CARD_AUTHENTICATION_KEY = 0x0017;

    @Test
    void theIssuedFaceIsGenuineComposesAndProvesAnAgeWithoutTheBirthDate() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        try (SurfaceCard surface = SurfaceCard.open(card.terminal())) {
            surface.verifyPin(SurfacePin.PIN_A, "123456789018".toCharArray());
            SurfaceVerification verification = surface.verify(centreSigner());
            assertTrue(verification.genuine(), verification.describe());
            assertTrue(verification.backFaceChecked());
            FrontFace face = surface.frontFace();
            assertEquals(LocalDate.of(1989, 3, 31), face.birthDate());
            BufferedImage composed = ImageIO.read(new ByteArrayInputStream(FrontFaceImage.png(face)));
            assertEquals(FrontFaceImage.WIDTH, composed.getWidth());
            assertEquals(FrontFaceImage.HEIGHT, composed.getHeight());
        }
        try (SurfaceCard surface = SurfaceCard.open(card.terminal())) {
            LocalDate today = LocalDate.of(2026, 11, 23);
            assertTrue(AgeProof.prove(surface, "010331".toCharArray(), 20, today, centreSigner()));
            assertFalse(AgeProof.prove(surface, "010331".toCharArray(), 40, today, centreSigner()));
        }
    }

    @Test
    void aCopyOfTheDataOnAnotherChipFailsCardAuthentication() throws Exception {
        Holder holder = Holder.sample();
        RSAPublicKey originalChipKey;
        try (ApduChannel original = ApduChannel.open(VirtualCard.blank().terminal())) {
            PersonalizationSession chip = PersonalizationSession.open(original, VirtualCard.testIssuerKey(), AID, "card-surface AP");
            originalChipKey = chip.generateKeyPair(EF_CARD_AUTHENTICATION_KEY);
        }
        SurfaceFiles copied = SurfaceFiles.of(holder, originalChipKey,
                new CentreCardDataSigning(new CentreClient(VirtualCard.testCentre().uri(), null)), "VC0000000001");

        VirtualCard clone = VirtualCard.blank();
        try (ApduChannel channel = ApduChannel.open(clone.terminal())) {
            PersonalizationSession chip = PersonalizationSession.open(channel, VirtualCard.testIssuerKey(), AID, "card-surface AP");
            chip.generateKeyPair(EF_CARD_AUTHENTICATION_KEY); // the clone's own key: it cannot have the original's
            chip.writeFile(0x0001, copied.ageRecord());
            chip.writeFile(0x0002, copied.frontFace());
            chip.writeFile(0x0003, copied.apInfo());
            chip.writeFile(0x0004, copied.signerCertificate());
            chip.writeFile(0x0005, copied.backFace());
            chip.setPin(0x0011, PrintedDataKeys.birthDateKey(holder));
            chip.setPin(0x0012, PrintedDataKeys.pinB(holder));
            chip.setPin(0x0013, PrintedDataKeys.pinA(holder));
            chip.lock();
        }
        try (SurfaceCard surface = SurfaceCard.open(clone.terminal())) {
            surface.verifyPin(SurfacePin.PIN_B, "01033120345678".toCharArray());
            SurfaceVerification verification = surface.verify(centreSigner());
            assertEquals(List.of(SurfaceVerification.Problem.CARD_AUTHENTICATION_FAILED), verification.problems(),
                    "the data itself is the centre's; only the chip gives the copy away");
        }
    }

    private static X509Certificate centreSigner() {
        return VirtualCard.testCentre().administration().authorityCertificate("card-data");
    }
}
