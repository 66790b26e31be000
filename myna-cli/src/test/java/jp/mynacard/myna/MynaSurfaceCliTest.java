package jp.mynacard.myna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import jp.mynacard.host.fake.FakeSurfaceCard;
import jp.mynacard.host.fake.FakeTerminal;
import jp.mynacard.host.fake.InputHelperTestData;
import jp.mynacard.host.fake.SurfaceTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MynaSurfaceCliTest {
    private static final String PIN_B = SurfaceTestData.PIN_B;
    private static final String MY_NUMBER = SurfaceTestData.MY_NUMBER;
    private static final String BIRTH_KEY = SurfaceTestData.BIRTH_DATE_KEY;

    @TempDir
    Path dir;

    private FakeSurfaceCard card = new FakeSurfaceCard();
    private final Map<String, String> env = new HashMap<>();
    private LocalDate today = LocalDate.of(2026, 11, 23);
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private StringWriter out;
    private StringWriter err;
    private int prompts;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Myna myna = new Myna(() -> new FakeTerminal("Fake 00 00", card))
                .withEnvironment(env::get)
                .withStdout(binary)
                .withClock(Clock.fixed(today.atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant(), ZoneId.of("Asia/Tokyo")))
                .withPrompt(prompt -> {
                    prompts++;
                    return null;
                });
        CommandLine cli = Myna.commandLine(myna);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String stdout() {
        return out.toString().replace("\r\n", "\n");
    }

    private void assertNotPrinted(String... secrets) {
        String all = out + "\n" + err;
        for (String secret : secrets) {
            assertFalse(all.contains(secret), "output contains a secret: " + all);
        }
    }

    private Path signerCert() throws Exception {
        Path file = dir.resolve("signer.der");
        Files.write(file, InputHelperTestData.signerCertificateParsed().getEncoded());
        return file;
    }

    @Test
    void surfaceWritesTheFrontFaceAsOnePng() throws Exception {
        Path face = dir.resolve("face.png");
        assertEquals(0, run("surface", "--pin-b", PIN_B, "--out", face.toString()), err.toString());
        BufferedImage image = ImageIO.read(face.toFile());
        assertNotNull(image);
        assertEquals(856, image.getWidth());
        assertEquals(540, image.getHeight());
        assertTrue(stdout().contains("face.png"));
        assertNotPrinted(PIN_B, MY_NUMBER);
    }

    @Test
    void surfaceWithPinAFromTheEnvironmentWritesToStandardOutput() throws Exception {
        env.put("MYNA_PIN_A", MY_NUMBER);
        assertEquals(0, run("surface"), err.toString());
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(binary.toByteArray()));
        assertEquals(856, image.getWidth());
        assertEquals(0, prompts);
        assertEquals(10, card.tries(FakeSurfaceCard.PIN_A));
        assertNotPrinted(MY_NUMBER);
    }

    @Test
    void surfaceWithoutAPinAsksForPinB() {
        assertEquals(9, run("surface", "--out", dir.resolve("face.png").toString()));
        assertEquals(1, prompts);
        assertTrue(err.toString().contains("PIN-B"), err.toString());
        assertFalse(Files.exists(dir.resolve("face.png")));
    }

    @Test
    void surfaceWithPinAAndPinBIsAUsageError() {
        assertEquals(2, run("surface", "--pin-a", MY_NUMBER, "--pin-b", PIN_B));
        assertNotPrinted(MY_NUMBER, PIN_B);
    }

    @Test
    void aMistypedMyNumberCostsNoTry() {
        assertEquals(8, run("surface", "--pin-a", "123456789012", "--out", dir.resolve("f.png").toString()));
        assertTrue(err.toString().contains("check digit"));
        assertEquals(0, card.count(0x20));
        assertNotPrinted("123456789012");
    }

    @Test
    void verifyGenuine() throws Exception {
        assertEquals(0, run("surface", "verify", "--pin-a", MY_NUMBER, "--signer-cert", signerCert().toString()),
                err.toString());
        assertEquals("genuine (the expiry date and security code are not covered by the signature)\n", stdout());
        assertNotPrinted(MY_NUMBER);
    }

    @Test
    void verifyUnderPinBSaysTheBackFaceWasNotChecked() {
        assertEquals(0, run("surface", "verify", "--pin-b", PIN_B));
        assertEquals("genuine (the expiry date and security code are not covered by the signature)\n"
                + "back face not checked (it needs PIN-A)\n", stdout());
        assertNotPrinted(PIN_B);
    }

    @Test
    void verifyACopiedChip() {
        card = new FakeSurfaceCard(SurfaceTestData.sample(), SurfaceTestData.newCardKey());
        assertEquals(12, run("surface", "verify", "--pin-a", MY_NUMBER));
        assertTrue(stdout().startsWith("NOT genuine: card authentication failed (not the chip the centre issued)"), stdout());
        assertTrue(stdout().contains("not covered by the signature"));
    }

    @Test
    void verifyATamperedAddress() throws Exception {
        byte[] ef = card.file(0x0002);
        ef[ef.length / 2] ^= 0x01; // inside the images, which the signature covers
        assertEquals(12, run("surface", "verify", "--pin-a", MY_NUMBER, "--signer-cert", signerCert().toString()));
        assertTrue(stdout().startsWith("NOT genuine: front face signature invalid"), stdout());
    }

    @Test
    void verifyAnUnexpectedSigner() throws Exception {
        Path other = dir.resolve("other.der");
        Files.write(other, InputHelperTestData.otherCertificate().getEncoded());
        assertEquals(12, run("surface", "verify", "--pin-b", PIN_B, "--signer-cert", other.toString()));
        assertTrue(stdout().startsWith("NOT genuine: signer certificate is not the expected one"), stdout());
    }

    @Test
    void ageYesWithoutTheBirthDate() {
        assertEquals(0, run("age", "--birth-key", BIRTH_KEY), err.toString());
        assertEquals("20 or older: yes\n", stdout());
        assertEquals("", err.toString());
        assertNotPrinted(BIRTH_KEY, "1989", "03-31", "0331", "37", "36");
    }

    @Test
    void ageAroundTheBirthday() {
        today = LocalDate.of(2007, 3, 30);
        assertEquals(0, run("age", "--birth-key", BIRTH_KEY, "--years", "18"));
        assertEquals("18 or older: no\n", stdout());
        today = LocalDate.of(2007, 3, 31);
        assertEquals(0, run("age", "--years", "18", "--birth-key", BIRTH_KEY));
        assertEquals("18 or older: yes\n", stdout());
        assertNotPrinted(BIRTH_KEY, "1989");
    }

    @Test
    void ageFromTheEnvironment() {
        env.put("MYNA_BIRTH_KEY", BIRTH_KEY);
        assertEquals(0, run("age", "--years", "65"));
        assertEquals("65 or older: no\n", stdout());
        assertEquals(0, prompts);
    }

    @Test
    void aTamperedAgeRecordIsNotGenuine() {
        byte[] ef = card.file(0x0001);
        ef[8] = '0'; // DF 11's year 1989 -> 1980: FF 10 82 01 xx DF 11 08 '1' '9' '8' '9'
        assertEquals(12, run("age", "--birth-key", BIRTH_KEY));
        assertEquals("", stdout());
        assertTrue(err.toString().contains("NOT genuine: age record signature invalid"), err.toString());
        assertNotPrinted(BIRTH_KEY, "1980", "1989");
    }

    @Test
    void aWrongBirthKeyNamesTheTriesLeft() {
        assertEquals(6, run("age", "--birth-key", "010401"));
        assertTrue(err.toString().contains("9 tries left"), err.toString());
        assertNotPrinted("010401");
    }

    @Test
    void aBirthKeyInAUsageErrorIsMasked() {
        assertEquals(2, run("age", "--birth-key", BIRTH_KEY, "--nonsense"));
        assertNotPrinted(BIRTH_KEY);
    }
}
