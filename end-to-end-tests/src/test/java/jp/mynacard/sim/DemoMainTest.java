package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import jp.mynacard.demo.DemoMain;
import jp.mynacard.host.cms.CmsVerifier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bin/demo's program: the story it prints must be what the files it wrote and the centre say. */
class DemoMainTest {
    @TempDir
    Path dir;

    @Test
    void theCardGetsADocumentSignsAndIsRefusedOnceReportedLost() throws Exception {
        Path document = Files.writeString(dir.resolve("申請.txt"), "住民票の写しの交付申請");
        Path out = dir.resolve("out");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DemoMain()).execute(document.toString(), "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        String story = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, story);

        try (PDDocument pdf = Loader.loadPDF(out.resolve("juminhyo.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("住民票の写し") && text.contains("番号　花子"), text);
        }
        assertTrue(story.contains("openssl: CMS Verification successful"), story);
        assertTrue(story.contains("card suspended (reported lost)"), story);
        assertFalse(Files.exists(out.resolve("juminhyo-refused.pdf")), "nothing issued to the suspended card");
        assertFalse(story.contains("1234") || story.contains("ABCDEF12"), "no PIN in the story");

        // the signature the demo wrote, checked here without revocation: signed by the card's key over the file
        List<X509Certificate> signCa = CmsVerifier.readCertificates(Files.readAllBytes(out.resolve("sign-ca.pem")));
        CmsVerifier.Result signature = new CmsVerifier(signCa, false)
                .verify(Files.readAllBytes(out.resolve("document.p7s")), Files.readAllBytes(document));
        assertTrue(signature.valid(), signature.reason());
        // and now that the card is reported lost, with revocation: the signing certificate is suspended
        CmsVerifier.Result now = new CmsVerifier(signCa, true)
                .verify(Files.readAllBytes(out.resolve("document.p7s")), Files.readAllBytes(document));
        assertFalse(now.valid(), "a suspended signing certificate");
    }
}
