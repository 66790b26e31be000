package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import jp.mynacard.demo.SampleKioskService;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.MyNumber;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.sim.VirtualCard;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample kiosk's terminal and municipal service over HTTP, with jcardsim cards issued by the
 * in-process centre: the centre's holder record links the authenticated certificate to the register.
 */
class KioskServiceTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private KioskServiceServer server;

    @BeforeEach
    void startService() throws Exception {
        server = SampleKioskService.start();
    }

    @AfterEach
    void stopService() {
        server.close();
    }

    @Test
    void aResidentGetsTheirResidenceCertificateNamingTheCertificateSerial() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Path pdf = dir.resolve("juminhyo.pdf");
        assertEquals(KioskOutcome.ISSUED, terminal().serve(card.terminal(), () -> "1234".toCharArray(), pdf), screen());
        String serial = authSerial(card);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            for (String expected : new String[] {"住民票の写し", "番号　花子", "1989年3月31日", "女",
                    "東京都千代田区霞が関二丁目１番２号", "東京都千代田区長", LocalDate.now().getYear() + "年",
                    "certificate serial " + serial}) {
                assertTrue(text.contains(expected), "'" + expected + "' in:\n" + text);
            }
        }
        assertTrue(screen().contains("交付番号 131016-"), screen());
        assertFalse(screen().contains("1234"), "the PIN is never shown");
    }

    @Test
    void aHolderWhoIsNotInTheRegisterIsToldSo() throws Exception {
        Holder stranger = new Holder("他所　三郎", LocalDate.of(1990, 1, 1), Sex.MALE, "大阪府大阪市北区中之島一丁目３番２０号",
                MyNumber.parse("123456789018"), LocalDate.of(2034, 1, 1), "5678", "271004");
        Path pdf = dir.resolve("none.pdf");
        KioskOutcome outcome = terminal().serve(VirtualCard.issue(stranger).terminal(), () -> "1234".toCharArray(), pdf);
        assertEquals(KioskOutcome.NOT_A_RESIDENT, outcome, screen());
        assertTrue(screen().contains("not a resident of 東京都千代田区"), screen());
        assertFalse(Files.exists(pdf));
    }

    @Test
    void aSuspendedCardGetsNothingAndTheClerkReadsWhy() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        VirtualCard.testCentre().administration().suspend(new java.math.BigInteger(authSerial(card), 16), Optional.empty());
        Path pdf = dir.resolve("none.pdf");
        assertEquals(KioskOutcome.AUTHENTICATION_REFUSED, terminal().serve(card.terminal(), () -> "1234".toCharArray(), pdf));
        assertTrue(screen().contains("card suspended (reported lost)"), screen());
        assertFalse(Files.exists(pdf));
    }

    @Test
    void aWrongPinIsRefusedAtTheKioskWithTheTriesLeft() throws Exception {
        Path pdf = dir.resolve("none.pdf");
        assertEquals(KioskOutcome.PIN_REFUSED, terminal().serve(VirtualCard.issue(Holder.sample()).terminal(),
                () -> "4321".toCharArray(), pdf));
        assertTrue(screen().contains("wrong PIN: 2 tries left"), screen());
        assertFalse(screen().contains("4321"), "the PIN is never shown");
    }

    private KioskTerminal terminal() {
        return new KioskTerminal(server.uri(), new PrintStream(screen, true, StandardCharsets.UTF_8));
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static String authSerial(VirtualCard card) {
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            return jpki.certificate(JpkiCertificate.AUTH).getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        }
    }
}
