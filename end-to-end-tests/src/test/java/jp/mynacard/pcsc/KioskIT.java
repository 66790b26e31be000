package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * コンビニ交付 end to end, as a shop runs it: bin/kiosk (its own JVM) waits at the PC/SC reader
 * where bin/vcard put a card issued by the running centre, takes the PIN from the environment,
 * and writes the 住民票の写し. After the holder reports the card lost, the next customer run with
 * that card is refused with the clerk's sentence and a non-zero exit code.
 */
class KioskIT {
    private static final Pattern SERIAL = Pattern.compile("certificate serial ([0-9A-F]+)\\)");
    private static final long KIOSK_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void kioskIssuesTheCertificateThenRefusesTheCardOnceItIsReportedLost() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")));
             VcardProcess vcard = VcardProcess.start("--centre", centre.uri().toString())) {
            Path pdf = dir.resolve("juminhyo.pdf");
            Run first = kiosk(centre, pdf);
            assertEquals(0, first.exitCode, first.output);
            assertTrue(first.output.contains("住民票の写しを発行しました"), first.output);
            assertFalse(first.output.contains("1234"), "the PIN is never printed");
            Matcher serial = SERIAL.matcher(first.output);
            assertTrue(serial.find(), first.output);
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(document);
                assertTrue(text.contains("住民票の写し"), text);
                assertTrue(text.contains("番号　花子"), text);
                assertTrue(text.contains("東京都千代田区霞が関二丁目１番２号"), text);
                assertTrue(text.contains("certificate serial " + serial.group(1)), text);
            }

            centre.administration().suspend(new BigInteger(serial.group(1), 16), Optional.empty());
            // this time the service's trust anchor is configured from a file, not fetched from the centre
            Path anchor = dir.resolve("auth-ca.pem");
            Files.writeString(anchor, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                    centre.administration().authorityCertificate("auth").getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Path refusedPdf = dir.resolve("refused.pdf");
            Run second = kiosk(centre, refusedPdf, "--trust", anchor.toString());
            assertEquals(4, second.exitCode, second.output);
            assertTrue(second.output.contains("card suspended (reported lost)"), second.output);
            assertTrue(second.output.contains("一時停止"), second.output);
            assertFalse(Files.exists(refusedPdf));
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run kiosk(Centre centre, Path out, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(VcardProcess.repositoryRoot().resolve("bin/kiosk").toString(),
                "--centre", centre.uri().toString(), "--out", out.toString(), "--wait", "10"));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(VcardProcess.repositoryRoot().toFile()).redirectErrorStream(true);
        builder.environment().put("MYNA_AUTH_PIN", "1234"); // from the environment, not argv where ps shows it
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(KIOSK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
