package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/vcard as a program: ready line, card in the reader, clean stop on SIGTERM, options. */
class VcardProgramIT {
    @TempDir
    Path dir;

    @Test
    void readyMeansACardIsInTheReaderAndSigtermTakesItOut() throws Exception {
        try (VcardProcess vcard = VcardProcess.start()) {
            assertTrue(vcard.readyLine().startsWith("ready"), vcard.readyLine());
            String withCard = ExternalTool.run("opensc-tool", "--list-readers").requireSuccess().stdout();
            assertTrue(withCard.matches("(?s).*\\d+\\s+Yes\\s+.*Virtual PCD.*"), withCard);
            assertEquals(0, vcard.stop(), "exit status after SIGTERM");
        }
        String without = ExternalTool.run("opensc-tool", "--list-readers").requireSuccess().stdout();
        assertTrue(!without.matches("(?s).*\\d+\\s+Yes\\s+.*"), without);
    }

    /** C12: the first cards' ATR by default, the 2024 cards' with --atr 2024, each as pcscd reads it. */
    @Test
    void eachAtrInUseIsWhatTheReaderSees() throws Exception {
        try (VcardProcess vcard = VcardProcess.start()) {
            assertEquals("3b:e0:00:ff:81:31:fe:45:14", ExternalTool.run("opensc-tool", "--atr").requireSuccess().stdout().trim());
        }
        try (VcardProcess vcard = VcardProcess.start("--atr", "2024")) {
            assertEquals("3b:da:13:ff:81:31:fb:46:80:12:39:2f:31:c1:73:c6:01:c0:3b",
                    ExternalTool.run("opensc-tool", "--atr").requireSuccess().stdout().trim());
        }
        ExternalTool.Result unknown = ExternalTool.run(VcardProcess.repositoryRoot().resolve("bin/vcard").toString(), "--atr", "1999");
        assertTrue(unknown.exitCode() != 0 && unknown.all().contains("2015, 2024"), unknown.all());
    }

    @Test
    void holderFileAndPinsOverrideTheSample() throws Exception {
        Path holder = dir.resolve("holder.properties");
        Files.writeString(holder, String.join("\n",
                "name=個人　太郎", "birth-date=1975-07-07", "sex=male", "address=北海道札幌市中央区北1条西2丁目",
                "my-number=123456789018", "card-expiry=2030-07-07", "security-code=1111", "municipality=011002"),
                StandardCharsets.UTF_8);
        try (VcardProcess vcard = VcardProcess.start("--holder", holder.toString(), "--auth-pin", "9876",
                "--sign-pin", "PASSWORD9")) {
            ExternalTool.Result oldPin = ExternalTool.run("pkcs15-tool", "--read-certificate", "02", "--verify-pin",
                    "--auth-id", "02", "--pin", "ABCDEF12");
            assertTrue(oldPin.all().contains("incorrect"), oldPin.all());
            String pem = ExternalTool.run("pkcs15-tool", "--read-certificate", "02", "--verify-pin", "--auth-id", "02",
                    "--pin", "PASSWORD9").requireSuccess().stdout();
            Path certificate = dir.resolve("sign.pem");
            Files.writeString(certificate, pem);
            String text = ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-text")
                    .requireSuccess().stdout();
            assertTrue(text.contains("1.2.392.200149.8.5.5.1::個人　太郎") && text.contains("::319750707"), text);
            ExternalTool.run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", "9876").requireSuccess();
        }
    }

    @Test
    void aBadHolderFileIsAClearErrorNotAStackTrace() throws Exception {
        Path holder = dir.resolve("holder.properties");
        Files.writeString(holder, "name=x\n");
        Path root = VcardProcess.repositoryRoot();
        ExternalTool.Result result = ExternalTool.run(root.resolve("bin/vcard").toString(), "--holder", holder.toString());
        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.all().contains("missing 'birth-date'"), result.all());
        assertTrue(!result.all().contains("at jp.mynacard"), result.all());
    }
}
