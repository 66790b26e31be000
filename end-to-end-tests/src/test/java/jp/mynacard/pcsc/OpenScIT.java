package jp.mynacard.pcsc;

import static jp.mynacard.testing.ExternalTool.OPENSC_PKCS11;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSC, which nobody here wrote, against bin/vcard through pcscd and vpcd: what a user with
 * a reader and a real My Number card does with it must work unchanged on ours.
 */
class OpenScIT {
    private static final String AUTH_PIN = "1234";
    private static final String SIGN_PIN = "ABCDEF12";
    /** pkcs11-tool shows the JPKI card as one slot per PIN, in this order. */
    private static final String AUTH_SLOT_INDEX = "0";
    private static final String SIGN_SLOT_INDEX = "1";

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
        for (String line : vcard.output()) {
            assertFalse(line.contains(AUTH_PIN) || line.contains(SIGN_PIN), "bin/vcard printed a PIN: " + line);
        }
    }

    @Test
    void pkcs15DumpListsCertificatesPinsAndKeysWithTheSpecsLabels() throws Exception {
        String dump = ExternalTool.run("pkcs15-tool", "--dump").requireSuccess().stdout();
        for (String label : List.of("User Authentication Certificate", "Digital Signature Certificate",
                "User Authentication Certificate CA", "Digital Signature Certificate CA")) {
            assertTrue(dump.contains("X.509 Certificate [" + label + "]"), () -> label + " missing from:\n" + dump);
        }
        assertEquals(List.of("3", "5"), triesLeft(dump));
        assertEquals(2, count(dump, "Private RSA Key \\["), dump);
        assertEquals(List.of("2048", "2048"), all(dump, "ModLength\\s*:\\s*(\\d+)"));
        assertTrue(dump.contains("PIN [User Authentication PIN]") && dump.contains("PIN [Digital Signature PIN]"), dump);
    }

    @Test
    void authKeySignsWhatOpenSslVerifiesWithTheCertificateOpenScRead() throws Exception {
        signAndVerify("01", AUTH_SLOT_INDEX, AUTH_PIN, readCertificate("01"));
    }

    @Test
    void signKeySignsWhatOpenSslVerifiesWithTheCertificateOpenScRead() throws Exception {
        Path certificate = dir.resolve("sign.pem");
        String pem = ExternalTool.run("pkcs15-tool", "--read-certificate", "02", "--verify-pin", "--auth-id", "02",
                "--pin", SIGN_PIN).requireSuccess().stdout();
        Files.writeString(certificate, pem);
        String text = ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-text")
                .requireSuccess().stdout();
        assertTrue(text.contains("1.2.392.200149.8.5.5.1::番号　花子"), text);
        signAndVerify("02", SIGN_SLOT_INDEX, SIGN_PIN, certificate);
    }

    @Test
    void signatureCertificateIsNotReadableWithoutTheSignPin() throws Exception {
        ExternalTool.Result result = ExternalTool.run("pkcs15-tool", "--read-certificate", "02");
        assertFalse(result.stdout().contains("BEGIN CERTIFICATE"), result.all());
    }

    @Test
    void threeWrongAuthPinsBlockItForGoodButLeaveTheSignPinAlone() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            ExternalTool.Result wrong = ExternalTool.run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", "0000");
            assertTrue(wrong.all().contains("PIN code or key incorrect"), wrong.all());
        }
        assertEquals(List.of("0", "5"), triesLeft(ExternalTool.run("pkcs15-tool", "--list-pins").requireSuccess().stdout()));

        ExternalTool.run("opensc-tool", "--reset").requireSuccess();
        assertEquals(List.of("0", "5"), triesLeft(ExternalTool.run("pkcs15-tool", "--list-pins").requireSuccess().stdout()));

        ExternalTool.Result right = ExternalTool.run("pkcs15-tool", "--verify-pin", "--auth-id", "01", "--pin", AUTH_PIN);
        assertTrue(right.all().contains("blocked"), right.all());
        ExternalTool.Result signSide = ExternalTool.run("pkcs15-tool", "--verify-pin", "--auth-id", "02", "--pin", SIGN_PIN);
        assertEquals(0, signSide.exitCode(), signSide.all());
        assertFalse(signSide.all().contains("incorrect"), signSide.all());
    }

    private Path readCertificate(String id) throws Exception {
        Path certificate = dir.resolve(id + ".pem");
        Files.writeString(certificate, ExternalTool.run("pkcs15-tool", "--read-certificate", id).requireSuccess().stdout());
        return certificate;
    }

    private void signAndVerify(String keyId, String slotIndex, String pin, Path certificate) throws Exception {
        Path message = dir.resolve("message.txt");
        Files.write(message, "届出書 2026-11-23".getBytes(StandardCharsets.UTF_8));
        Path signature = dir.resolve("signature-" + keyId + ".bin");
        ExternalTool.run("pkcs11-tool", "--module", OPENSC_PKCS11, "--slot-index", slotIndex, "--login", "--pin", pin,
                "--sign", "--id", keyId, "-m", "SHA256-RSA-PKCS",
                "-i", message.toString(), "-o", signature.toString()).requireSuccess();
        assertEquals(256, Files.size(signature));
        Path publicKey = dir.resolve("public-" + keyId + ".pem");
        Files.writeString(publicKey, ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-pubkey", "-noout")
                .requireSuccess().stdout());
        ExternalTool.Result verified = ExternalTool.run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), message.toString());
        assertEquals("Verified OK", verified.stdout().trim(), verified.all());

        Files.write(message, "改ざん".getBytes(StandardCharsets.UTF_8));
        ExternalTool.Result tampered = ExternalTool.run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), message.toString());
        assertEquals("Verification failure", tampered.stdout().trim(), tampered.all());
    }

    private static List<String> triesLeft(String pinListing) {
        return all(pinListing, "Tries left\\s*:\\s*(\\d+)");
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
