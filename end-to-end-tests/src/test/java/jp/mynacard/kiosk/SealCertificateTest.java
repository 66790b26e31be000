package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import jp.mynacard.demo.SampleKioskService;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 印鑑登録証明書 at the kiosk, in process: the seal-registration number read from 千代田区's
 * keyed free-area slot with its tenant key, the holder authenticated with the JPKI PIN, the
 * service checking that registration against the authenticated resident.
 */
class SealCertificateTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private KioskServiceServer server;
    private final TenantKey sealKey = newKey();

    static TenantKey newKey() {
        byte[] material = new byte[16];
        RANDOM.nextBytes(material);
        return TenantKey.of(material);
    }

    @BeforeEach
    void startService() throws Exception {
        server = SampleKioskService.start();
    }

    @AfterEach
    void stopService() {
        server.close();
    }

    @Test
    void theSealRegistrationOnTheCardGetsTheHolderTheirSealCertificate() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        card.addTenantSlot(SealRegistrationCard.SAMPLE_SLOT, ReadPolicy.KEYED, 64, sealKey, ascii("131016-IN-000042"));
        Path pdf = dir.resolve("inkan.pdf");
        KioskOutcome outcome = terminal().serveSeal(card.terminal(), () -> "1234".toCharArray(), pdf,
                new SealRegistrationCard(SealRegistrationCard.SAMPLE_SLOT, sealKey));
        assertEquals(KioskOutcome.ISSUED, outcome, screen());
        assertTrue(screen().contains("印鑑登録証明書を発行しました"), screen());
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            for (String expected : new String[] {"印鑑登録証明書", "番号　花子", "1989年3月31日", "東京都千代田区霞が関二丁目１番２号",
                    "131016-IN-000042", "2016年5月10日", "東京都千代田区長", "seal-registration card in the card's free area"}) {
                assertTrue(text.contains(expected), "'" + expected + "' in:\n" + text);
            }
        }
    }

    @Test
    void aCardWithoutTheSlotOrReadWithAnotherKeyIsTurnedAwayBeforeThePin() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Path pdf = dir.resolve("none.pdf");
        KioskOutcome none = terminal().serveSeal(card.terminal(), () -> {
            throw new AssertionError("the PIN must not be asked");
        }, pdf, new SealRegistrationCard(SealRegistrationCard.SAMPLE_SLOT, sealKey));
        assertEquals(KioskOutcome.SEAL_NOT_REGISTERED, none, screen());

        card.addTenantSlot(SealRegistrationCard.SAMPLE_SLOT, ReadPolicy.KEYED, 64, sealKey, ascii("131016-IN-000042"));
        KioskOutcome otherKey = terminal().serveSeal(card.terminal(), () -> {
            throw new AssertionError("the PIN must not be asked");
        }, pdf, new SealRegistrationCard(SealRegistrationCard.SAMPLE_SLOT, newKey()));
        assertEquals(KioskOutcome.SEAL_NOT_REGISTERED, otherKey, screen());
        assertTrue(screen().contains("no seal registration of this holder on this card"), screen());
        assertFalse(Files.exists(pdf));
    }

    @Test
    void aRegistrationNumberOfSomeoneElseIsRefusedByTheService() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        // a number that is not this resident's seal, written by whoever held the key
        card.addTenantSlot(SealRegistrationCard.SAMPLE_SLOT, ReadPolicy.KEYED, 64, sealKey, ascii("131016-IN-000099"));
        Path pdf = dir.resolve("none.pdf");
        KioskOutcome outcome = terminal().serveSeal(card.terminal(), () -> "1234".toCharArray(), pdf,
                new SealRegistrationCard(SealRegistrationCard.SAMPLE_SLOT, sealKey));
        assertEquals(KioskOutcome.SEAL_NOT_REGISTERED, outcome, screen());
        assertTrue(screen().contains("ご本人のものではありません"), screen());
        assertFalse(Files.exists(pdf));
    }

    @Test
    void theResidenceCertificateStillNeedsNoSlot() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        assertEquals(KioskOutcome.ISSUED, terminal().serve(card.terminal(), () -> "1234".toCharArray(), dir.resolve("j.pdf")), screen());
    }

    private KioskTerminal terminal() {
        return new KioskTerminal(server.uri(), new PrintStream(screen, true, StandardCharsets.UTF_8));
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

}
