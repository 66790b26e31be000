package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderAuthenticator;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;

/**
 * The host library sends no more APDUs than the spec requires (a SELECT of the EF before each
 * READ BINARY, VERIFY and COMPUTE DIGITAL SIGNATURE; one extended-length READ BINARY per file).
 * docs/benchmarks.md counts the same operations against OpenSC.
 */
class ApduEconomyTest {
    private static final VirtualCard CARD = VirtualCard.issue(Holder.sample());

    @Test
    void kioskAuthenticationReadsTheCertificateOnceAndTakesSevenApdus() {
        try (ApduChannel channel = ApduChannel.open(CARD.terminal())) {
            HolderAuthenticator kiosk = new HolderAuthenticator(JpkiCard.over(channel));
            kiosk.certificate();
            kiosk.respond(new Challenge("c1", "svc", new byte[32], Instant.now().plusSeconds(60)), "1234".toCharArray());
            // SELECT AP; SELECT 000A + READ BINARY; SELECT 0018 + VERIFY; SELECT 0017 + COMPUTE DIGITAL SIGNATURE
            assertEquals(7, channel.commandCount());
        }
    }

    @Test
    void signInAndSignTakesFiveApdus() {
        try (ApduChannel channel = ApduChannel.open(CARD.terminal())) {
            JpkiCard jpki = JpkiCard.over(channel);
            jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
            jpki.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, "届出書".getBytes(StandardCharsets.UTF_8));
            assertEquals(5, channel.commandCount());
        }
    }

    @Test
    void aCertificateOfOverOneKilobyteIsReadInOneApdu() {
        try (ApduChannel channel = ApduChannel.open(CARD.terminal())) {
            JpkiCard jpki = JpkiCard.over(channel);
            int before = channel.commandCount();
            byte[] certificate = jpki.readCertificate(jp.mynacard.host.jpki.JpkiCertificate.AUTH);
            assertTrue(certificate.length > 1024, "certificate of " + certificate.length + " bytes");
            assertEquals(2, channel.commandCount() - before, "SELECT EF + one READ BINARY");
        }
    }
}
