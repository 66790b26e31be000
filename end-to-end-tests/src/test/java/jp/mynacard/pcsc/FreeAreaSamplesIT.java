package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free area's two sample tenants through pcscd and vpcd, each program in its own JVM:
 * bin/vcard puts in a card whose free area has 千代田区's keyed seal-registration slot and its
 * library's open slot; bin/kiosk issues the 印鑑登録証明書 after the JPKI authentication; bin/library-desk
 * reads the library card number; a kiosk holding the wrong tenant key is turned away.
 */
class FreeAreaSamplesIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void sealCertificateAtTheKioskAndLibraryCardAtTheDesk() throws Exception {
        Path sealKey = keyFile("seal.key");
        Path libraryKey = keyFile("library.key");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")));
             VcardProcess vcard = VcardProcess.start("--centre", centre.uri().toString(),
                     "--slot", "131016:1,keyed," + sealKey + ",131016-IN-000042",
                     "--slot", "131016:0x0101,open," + libraryKey + ",LIB-0012345678")) {
            Path pdf = dir.resolve("inkan.pdf");
            Run kiosk = run("bin/kiosk", "--centre", centre.uri().toString(), "--document", "seal",
                    "--seal-key", sealKey.toString(), "--out", pdf.toString(), "--wait", "10");
            assertEquals(0, kiosk.exitCode, kiosk.output);
            assertTrue(kiosk.output.contains("印鑑登録証を読み取りました"), kiosk.output);
            assertTrue(kiosk.output.contains("印鑑登録証明書を発行しました"), kiosk.output);
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(document);
                for (String expected : new String[] {"印鑑登録証明書", "番号　花子", "131016-IN-000042", "2016年5月10日"}) {
                    assertTrue(text.contains(expected), "'" + expected + "' in:\n" + text);
                }
            }

            Run desk = run("bin/library-desk", "--wait", "10");
            assertEquals(0, desk.exitCode, desk.output);
            assertTrue(desk.output.contains("library card number: LIB-0012345678"), desk.output);

            Path refused = dir.resolve("refused.pdf");
            Run wrongKey = run("bin/kiosk", "--centre", centre.uri().toString(), "--document", "seal",
                    "--seal-key", keyFile("other.key").toString(), "--out", refused.toString(), "--wait", "10");
            assertEquals(8, wrongKey.exitCode, wrongKey.output);
            assertTrue(wrongKey.output.contains("no seal registration of this holder on this card"), wrongKey.output);
            assertFalse(Files.exists(refused));
        }
    }

    private Path keyFile(String name) throws IOException {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return Files.writeString(dir.resolve(name), HexFormat.of().formatHex(key) + "\n");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(VcardProcess.repositoryRoot().resolve(program).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(VcardProcess.repositoryRoot().toFile()).redirectErrorStream(true);
        builder.environment().put("MYNA_AUTH_PIN", "1234");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
