package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/myna, as an end user with a reader runs it, against bin/vcard through pcscd. */
class MynaCliIT {
    private static final int EXIT_WRONG_PIN = 6;
    private static final int EXIT_PIN_BLOCKED = 7;

    @TempDir
    Path dir;
    private VcardProcess vcard;

    @BeforeEach
    void insertCard() throws Exception {
        vcard = VcardProcess.start();
    }

    @AfterEach
    void removeCard() throws Exception {
        vcard.close();
    }

    @Test
    void pinStatusShowsBothCounters() throws Exception {
        Run run = myna(Map.of(), "pin", "status");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("auth PIN: 3 tries left"), run.output);
        assertTrue(run.output.contains("sign PIN: 5 tries left"), run.output);
    }

    @Test
    void signsAFileThatOpenSslVerifiesWithTheCertificateMynaRead() throws Exception {
        Path certificate = dir.resolve("sign.pem");
        Run cert = myna(Map.of("MYNA_SIGN_PIN", "ABCDEF12"), "cert", "sign", "--out", certificate.toString());
        assertEquals(0, cert.exit, cert.output);
        Path message = dir.resolve("申請書.txt");
        Files.writeString(message, "電子申請 2026-11-23", StandardCharsets.UTF_8);
        Path signature = dir.resolve("申請書.sig");
        Run sign = myna(Map.of(), "sign", "--key", "sign", "--pin", "ABCDEF12", "--hash", "sha384",
                "--in", message.toString(), "--out", signature.toString());
        assertEquals(0, sign.exit, sign.output);

        Path publicKey = dir.resolve("sign.pub");
        Files.writeString(publicKey, ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-pubkey", "-noout")
                .requireSuccess().stdout());
        ExternalTool.Result verified = ExternalTool.run("openssl", "dgst", "-sha384", "-verify", publicKey.toString(),
                "-signature", signature.toString(), message.toString());
        assertEquals("Verified OK", verified.stdout().trim(), verified.all());
        assertFalse(cert.output.contains("ABCDEF12") || sign.output.contains("ABCDEF12"), "myna printed the PIN");
    }

    @Test
    void derCertificateIsWhatOpenScReads() throws Exception {
        Path der = dir.resolve("auth.der");
        assertEquals(0, myna(Map.of(), "cert", "auth", "--form", "der", "--out", der.toString()).exit);
        Path pem = dir.resolve("auth.pem");
        Files.writeString(pem, ExternalTool.run("pkcs15-tool", "--read-certificate", "01").requireSuccess().stdout());
        String fromMyna = ExternalTool.run("openssl", "x509", "-inform", "DER", "-in", der.toString(), "-noout", "-fingerprint", "-sha256")
                .requireSuccess().stdout();
        String fromOpenSc = ExternalTool.run("openssl", "x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256")
                .requireSuccess().stdout();
        assertEquals(fromOpenSc, fromMyna);
    }

    @Test
    void wrongPinsSayHowManyTriesAreLeftThenBlocked() throws Exception {
        Path message = dir.resolve("m.txt");
        Files.writeString(message, "x");
        String[] sign = {"sign", "--key", "auth", "--pin", "9999", "--in", message.toString(), "--out", dir.resolve("s").toString()};
        Run first = myna(Map.of(), sign);
        assertEquals(EXIT_WRONG_PIN, first.exit, first.output);
        assertTrue(first.output.contains("2 tries left"), first.output);
        myna(Map.of(), sign);
        Run third = myna(Map.of(), sign);
        assertEquals(EXIT_PIN_BLOCKED, third.exit, third.output);
        Run status = myna(Map.of(), "pin", "status");
        assertTrue(status.output.contains("auth PIN: blocked"), status.output);
        assertTrue(status.output.contains("sign PIN: 5 tries left"), status.output);
        assertFalse(first.output.contains("9999") || third.output.contains("9999"), "myna printed the PIN");
    }

    @Test
    void textAttrsPrintsTheFourAttributesInUtf8AndVerifySaysGenuine() throws Exception {
        Run attrs = myna(Map.of(), "text", "attrs", "--pin", "1234");
        assertEquals(0, attrs.exit, attrs.output);
        assertTrue(attrs.output.contains("番号　花子"), attrs.output);
        assertTrue(attrs.output.contains("東京都千代田区霞が関二丁目１番２号"), attrs.output);
        assertTrue(attrs.output.contains("1989-03-31"), attrs.output);
        assertTrue(attrs.output.contains("female"), attrs.output);
        Run json = myna(Map.of("MYNA_TEXT_PIN", "1234"), "text", "attrs", "--json");
        assertTrue(json.output.contains("\"name\":\"番号　花子\""), json.output);
        Run verify = myna(Map.of(), "text", "verify", "--pin", "1234");
        assertEquals(0, verify.exit, verify.output);
        assertTrue(verify.output.startsWith("genuine"), verify.output);
        assertFalse(attrs.output.contains("1234") || verify.output.contains("1234"), "myna printed the PIN");
    }

    @Test
    void surfaceWritesTheComposedFaceAndVerifiesTheChip() throws Exception {
        Path face = dir.resolve("face.png");
        Run surface = myna(Map.of(), "surface", "--pin-b", "01033120345678", "--out", face.toString());
        assertEquals(0, surface.exit, surface.output);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(face.toFile());
        assertEquals(856, image.getWidth());
        assertEquals(540, image.getHeight());
        Run verify = myna(Map.of("MYNA_PIN_A", "123456789018"), "surface", "verify", "--pin-a");
        assertEquals(0, verify.exit, verify.output);
        assertTrue(verify.output.startsWith("genuine"), verify.output);
        assertTrue(verify.output.contains("not covered"), verify.output);
        Run age = myna(Map.of(), "age", "--birth-key", "010331", "--years", "20");
        assertEquals("20 or older: yes", age.output.trim());
    }

    private record Run(int exit, String output) {
    }

    private Run myna(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(VcardProcess.repositoryRoot().resolve("bin/myna").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MYNA_AUTH_PIN");
        builder.environment().remove("MYNA_SIGN_PIN");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "myna did not finish");
        return new Run(process.exitValue(), output);
    }
}
