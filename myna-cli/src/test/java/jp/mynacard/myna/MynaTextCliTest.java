package jp.mynacard.myna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.mynacard.host.fake.FakeCard;
import jp.mynacard.host.fake.FakeInputHelperCard;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.host.fake.FakeTerminal;
import jp.mynacard.host.fake.InputHelperTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MynaTextCliTest {
    private static final String PIN_B = FakeInputHelperCard.PIN_B_VALUE;
    private static final String MY_NUMBER = InputHelperTestData.MY_NUMBER;

    @TempDir
    Path dir;

    private FakeCard card = new FakeInputHelperCard();
    private FakeInputHelperCard helper = (FakeInputHelperCard) card;
    private final Map<String, String> env = new HashMap<>();
    private StringWriter out;
    private StringWriter err;
    private int prompts;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Myna myna = new Myna(() -> new FakeTerminal("Fake 00 00", card))
                .withEnvironment(env::get)
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
            assertFalse(all.contains(secret), "output contains a PIN");
        }
    }

    @Test
    void attrsPlain() {
        assertEquals(0, run("text", "attrs", "--pin", "1234"));
        assertEquals("name: 番号　花子\naddress: 東京都千代田区霞が関二丁目１番２号\nbirth date: 1989-03-31\nsex: female\n",
                stdout());
        assertEquals("", err.toString());
        assertNotPrinted("1234");
    }

    @Test
    void attrsJsonWithPinBFromTheEnvironment() {
        env.put("MYNA_PIN_B", PIN_B);
        assertEquals(0, run("text", "attrs", "--json"));
        assertEquals("{\"name\":\"番号　花子\",\"address\":\"東京都千代田区霞が関二丁目１番２号\","
                + "\"birthDate\":\"1989-03-31\",\"sex\":\"female\"}\n", stdout());
        assertEquals(0, prompts);
        assertNotPrinted(PIN_B, MY_NUMBER);
    }

    @Test
    void jsonEscapesQuotesAndBackslashes() {
        card = new FakeInputHelperCard(InputHelperTestData.of(MY_NUMBER, "𠮷田\"\\", "住所", "19890331", '1'));
        assertEquals(0, run("text", "attrs", "--pin-b=" + PIN_B, "--json"));
        assertTrue(stdout().startsWith("{\"name\":\"𠮷田\\\"\\\\\",\"address\":\"住所\""), stdout());
        assertTrue(stdout().contains("\"sex\":\"male\""), stdout());
    }

    @Test
    void myNumberWithThePinOrPinA() {
        env.put("MYNA_TEXT_PIN", "1234");
        assertEquals(0, run("text", "mynumber"));
        assertEquals(MY_NUMBER + "\n", stdout());
        assertEquals(0, run("text", "mynumber", "--pin-a", MY_NUMBER));
        assertEquals(MY_NUMBER + "\n", stdout(), "the number and nothing else (the PIN 1234 is a prefix of it)");
        assertEquals("", err.toString());
    }

    @Test
    void attrsNeverPrintTheMyNumber() {
        assertEquals(0, run("text", "attrs", "--pin", "1234"));
        assertNotPrinted(MY_NUMBER);
    }

    @Test
    void noPinNoData() {
        assertEquals(ExitCode.PIN_REQUIRED.code, run("text", "attrs"));
        assertEquals(1, prompts);
        assertTrue(err.toString().startsWith("myna: the input-helper PIN is needed: give --pin, set MYNA_TEXT_PIN"),
                err.toString());
        assertEquals("", out.toString());
        assertEquals(ExitCode.PIN_REQUIRED.code, run("text", "mynumber", "--pin-a"));
        assertTrue(err.toString().contains("MYNA_PIN_A"), err.toString());
        assertEquals(0, helper.count(0x20));
    }

    @Test
    void wrongPinAndABadCheckDigit() {
        assertEquals(ExitCode.WRONG_PIN.code, run("text", "attrs", "--pin", "9999"));
        assertEquals("myna: wrong PIN, 2 tries left\n", err.toString().replace("\r\n", "\n"));
        assertEquals(ExitCode.PIN_FORMAT.code, run("text", "mynumber", "--pin-a", "123456789012"));
        assertTrue(err.toString().contains("check digit"), err.toString());
        assertEquals(10, helper.tries(FakeInputHelperCard.PIN_A));
        assertNotPrinted("9999", "123456789012");
    }

    @Test
    void pinAndPinBTogetherIsAUsageErrorThatMasksBoth() {
        assertEquals(ExitCode.USAGE.code, run("text", "attrs", "--pin", "4321", "--pin-b", PIN_B));
        assertNotPrinted("4321", PIN_B);
        assertEquals(0, helper.commands.size());
    }

    @Test
    void verifyGenuine() {
        assertEquals(0, run("text", "verify", "--pin", "1234"));
        assertEquals(TextVerifyCommand.GENUINE + "\n", stdout());
        assertNotPrinted("1234", MY_NUMBER, "番号");
    }

    @Test
    void verifyWithPinAAndPinBFromTheEnvironment() {
        env.put("MYNA_PIN_A", MY_NUMBER);
        env.put("MYNA_PIN_B", PIN_B);
        assertEquals(0, run("text", "verify"));
        assertEquals(TextVerifyCommand.GENUINE + "\n", stdout());
        assertEquals(0, prompts);
    }

    @Test
    void verifyATamperedAddress() {
        byte[] ef = helper.file(0x0002);
        ef[ef.length - 5] ^= 0x01;
        assertEquals(ExitCode.NOT_GENUINE.code, run("text", "verify", "--pin", "1234"));
        assertEquals("NOT genuine: attributes hash mismatch\n", stdout());
    }

    @Test
    void verifyATamperedSignature() {
        byte[] ef = helper.file(0x0003);
        ef[100] ^= 0x40;
        assertEquals(ExitCode.NOT_GENUINE.code, run("text", "verify", "--pin", "1234"));
        assertEquals("NOT genuine: signature invalid\n", stdout());
    }

    @Test
    void verifyAgainstTheExpectedSignerCertificate() throws Exception {
        Path expected = dir.resolve("signer.der");
        Files.write(expected, InputHelperTestData.signerCertificateParsed().getEncoded());
        assertEquals(0, run("text", "verify", "--pin", "1234", "--signer-cert", expected.toString()));
        Path other = dir.resolve("other.der");
        Files.write(other, InputHelperTestData.otherCertificate().getEncoded());
        assertEquals(ExitCode.NOT_GENUINE.code, run("text", "verify", "--pin", "1234", "--signer-cert", other.toString()));
        assertEquals("NOT genuine: signer certificate is not the expected one\n", stdout());
        assertEquals(ExitCode.FILE.code, run("text", "verify", "--pin", "1234", "--signer-cert", dir.resolve("no").toString()));
        assertTrue(err.toString().startsWith("myna: cannot read "), err.toString());
    }

    @Test
    void corruptCardDataHasItsOwnExitCode() {
        helper.file(0x0002)[8] ^= 0x01;
        assertEquals(ExitCode.CARD_DATA.code, run("text", "attrs", "--pin", "1234"));
        assertTrue(err.toString().startsWith("myna: the card's data is corrupt: EF 0002"), err.toString());
    }

    @Test
    void aCardWithoutTheInputHelperAp() {
        card = new FakeJpkiCard();
        assertEquals(ExitCode.NOT_JPKI.code, run("text", "attrs", "--pin", "1234"));
        assertTrue(err.toString().contains("card-input-helper"), err.toString());
    }
}
