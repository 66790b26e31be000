package jp.mynacard.myna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.host.fake.FakeTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MynaCliTest {
    @TempDir
    Path dir;

    private FakeJpkiCard card;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private StringWriter out;
    private StringWriter err;
    private int prompts;

    @BeforeEach
    void newCard() {
        card = new FakeJpkiCard();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        binary.reset();
        Myna myna = new Myna(() -> new FakeTerminal("Fake 00 00", card))
                .withEnvironment(env::get)
                .withPrompt(prompt -> {
                    prompts++;
                    return null; // no terminal in tests
                })
                .withStdout(binary);
        CommandLine cli = Myna.commandLine(myna);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private void assertNoPinLeaked(String... pins) {
        String all = out + "\n" + err + "\n" + binary.toString(StandardCharsets.ISO_8859_1);
        for (String pin : pins) {
            assertFalse(all.contains(pin), "output contains a PIN");
        }
    }

    @Test
    void pinStatusShowsTriesLeftAndBlocked() {
        card.setTries(FakeJpkiCard.AUTH_PIN, 0);
        card.setTries(FakeJpkiCard.SIGN_PIN, 4);
        assertEquals(0, run("pin", "status"));
        assertEquals("auth PIN: blocked\nsign PIN: 4 tries left\n", out.toString().replace("\r\n", "\n"));
        assertEquals("", err.toString());
        assertEquals(2, card.count(0x20), "only the two tries-left VERIFYs were sent");
    }

    @Test
    void certDerToStdoutIsTheCardsBytes() {
        assertEquals(0, run("cert", "auth", "--form", "der"));
        assertArrayEquals(FakeJpkiCard.testCertificate(), binary.toByteArray());
    }

    @Test
    void certPemParsesBackToTheSameCertificate() throws Exception {
        Path file = dir.resolve("auth-ca.pem");
        assertEquals(0, run("cert", "auth-ca", "--out", file.toString()));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(file));
        assertArrayEquals(FakeJpkiCard.testCertificate(), parsed.getEncoded());
        assertEquals(0, binary.size());
    }

    /** EF 0008 (C4) is asked first: no PIN try is spent on a certificate a minor's card does not hold. */
    @Test
    void aCardWithoutASignatureCertificateSaysSoBeforeAnyPin() {
        card.withoutSignatureCertificate();
        assertEquals(ExitCode.FAILED.code, run("cert", "sign", "--pin", "ABCDEF12", "--form", "der"));
        assertTrue(err.toString().contains("no signature certificate"), err.toString());
        assertEquals(0, card.count(0x20), "no VERIFY");
        assertEquals(0, run("cert", "auth", "--form", "der"), "the authentication certificate is still there");
    }

    @Test
    void signCertNeedsThePinAndTakesItFromTheEnvironment() {
        assertEquals(ExitCode.PIN_REQUIRED.code, run("cert", "sign", "--form", "der"));
        assertEquals(1, prompts, "fell back to the prompt");
        assertTrue(err.toString().startsWith("myna: the sign PIN is needed"), err.toString());
        assertEquals(0, card.count(0x20), "no VERIFY without a PIN");

        env.put("MYNA_SIGN_PIN", "ABCDEF12");
        assertEquals(0, run("cert", "sign", "--form", "der"));
        assertArrayEquals(FakeJpkiCard.testCertificate(), binary.toByteArray());
        assertNoPinLeaked("ABCDEF12");
    }

    @Test
    void signWritesASignatureTheCertificateKeyVerifies() throws Exception {
        Path in = dir.resolve("doc.txt");
        Path sig = dir.resolve("doc.sig");
        Files.writeString(in, "pay 100 yen");
        assertEquals(0, run("sign", "--key", "auth", "--pin", "1234", "--hash", "sha384",
                "--in", in.toString(), "--out", sig.toString()));
        Signature verifier = Signature.getInstance("SHA384withRSA");
        verifier.initVerify(card.authKey().getPublic());
        verifier.update(Files.readAllBytes(in));
        assertTrue(verifier.verify(Files.readAllBytes(sig)));
        assertEquals("", out.toString() + err);
    }

    @Test
    void wrongPinSaysHowManyTriesAreLeft() {
        Path in = dir.resolve("doc.txt");
        env.put("MYNA_SIGN_PIN", "WRONG999");
        writeDoc(in);
        assertEquals(ExitCode.WRONG_PIN.code, run("sign", "--key", "sign", "--in", in.toString(), "--out", dir.resolve("s").toString()));
        assertEquals("myna: wrong PIN, 4 tries left\n", err.toString().replace("\r\n", "\n"));
        assertFalse(Files.exists(dir.resolve("s")));
        assertNoPinLeaked("WRONG999");
    }

    @Test
    void blockedPinHasItsOwnExitCode() {
        card.setTries(FakeJpkiCard.AUTH_PIN, 1);
        Path in = dir.resolve("doc.txt");
        writeDoc(in);
        assertEquals(ExitCode.PIN_BLOCKED.code, run("sign", "--key", "auth", "--pin", "9876", "--in", in.toString(),
                "--out", dir.resolve("s").toString()));
        assertEquals("myna: PIN blocked\n", err.toString().replace("\r\n", "\n"));
        assertNoPinLeaked("9876");
    }

    @Test
    void malformedPinIsRefusedBeforeTheCardSeesIt() {
        Path in = dir.resolve("doc.txt");
        writeDoc(in);
        assertEquals(ExitCode.PIN_FORMAT.code, run("sign", "--key", "auth", "--pin", "12345", "--in", in.toString(),
                "--out", dir.resolve("s").toString()));
        assertEquals(0, card.count(0x20));
        assertEquals(3, card.tries(FakeJpkiCard.AUTH_PIN));
        assertNoPinLeaked("12345");
    }

    @Test
    void removedCardIsOneLineWithoutStackTrace() {
        card.removed = true;
        assertEquals(ExitCode.CARD_IO.code, run("pin", "status"));
        assertEquals("myna: card removed\n", err.toString().replace("\r\n", "\n"));
    }

    @Test
    void verboseAddsTheStackTrace() {
        card.removed = true;
        assertEquals(ExitCode.CARD_IO.code, run("--verbose", "pin", "status"));
        assertTrue(err.toString().contains("CardRemovedException"), err.toString());
    }

    @Test
    void notAMyNumberCard() {
        card.aid = new byte[] {1, 2, 3, 4, 5};
        assertEquals(ExitCode.NOT_JPKI.code, run("cert", "auth"));
        assertTrue(err.toString().startsWith("myna: not a My Number card"));
    }

    @Test
    void unknownCertificateIsAUsageError() {
        assertEquals(ExitCode.USAGE.code, run("cert", "root"));
        assertTrue(err.toString().contains("unknown certificate 'root'"), err.toString());
        assertEquals(0, card.commands.size());
    }

    @Test
    void missingInputFileIsAFileError() {
        env.put("MYNA_AUTH_PIN", "1234");
        assertEquals(ExitCode.FILE.code, run("sign", "--key", "auth", "--in", dir.resolve("nope").toString(),
                "--out", dir.resolve("s").toString()));
        assertTrue(err.toString().startsWith("myna: cannot read "), err.toString());
        assertEquals(0, card.count(0x20), "no PIN spent on a missing file");
    }

    @Test
    void verboseWorksAfterTheSubcommandToo() {
        card.removed = true;
        assertEquals(ExitCode.CARD_IO.code, run("pin", "status", "--verbose"));
        assertTrue(err.toString().contains("CardRemovedException"), err.toString());
    }

    @Test
    void pinOptionWinsOverTheEnvironment() {
        env.put("MYNA_SIGN_PIN", "WRONG999");
        assertEquals(0, run("cert", "sign", "--pin", "ABCDEF12", "--form", "der"));
        assertEquals(5, card.tries(FakeJpkiCard.SIGN_PIN), "the wrong environment PIN was never tried");
        assertEquals(0, prompts);
    }

    @Test
    void usageErrorsMaskAMisplacedPin() {
        assertEquals(ExitCode.USAGE.code, run("pin", "status", "--pin", "4321"));
        assertTrue(err.toString().contains("****"), err.toString());
        assertNoPinLeaked("4321");
        assertEquals(ExitCode.USAGE.code, run("pin", "status", "--pin=XYZ987"));
        assertNoPinLeaked("XYZ987");
    }

    @Test
    void emptyReaderIsNotACardRemoval() {
        StringWriter errors = new StringWriter();
        CommandLine cli = Myna.commandLine(new Myna(() -> new FakeTerminal("ACS ACR39U 00 00", null)));
        cli.setErr(new PrintWriter(errors));
        assertEquals(ExitCode.NO_READER.code, cli.execute("pin", "status"));
        assertEquals("myna: no card in reader 'ACS ACR39U 00 00'\n", errors.toString().replace("\r\n", "\n"));
    }

    private static void writeDoc(Path in) {
        try {
            Files.writeString(in, "document");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
