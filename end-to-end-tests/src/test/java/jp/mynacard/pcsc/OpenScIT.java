package jp.mynacard.pcsc;

import static jp.mynacard.testing.ExternalTool.OPENSC_PKCS11;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final String JPKI_ATR = "3b:e0:00:ff:81:31:fe:45:14";
    /** pkcs11-tool --test's section headers and --list-objects' object kinds (OpenSC 0.23). */
    private static final String SIGNATURES = "Signatures (currently only for RSA)";
    private static final String VERIFY = "Verify (currently only for RSA)";
    private static final String DECRYPTION = "Decryption (currently only for RSA)";
    private static final String PRIVATE_KEY = "Private Key Object";
    private static final String PUBLIC_KEY = "Public Key Object";
    private static final String CERTIFICATE = "Certificate Object";

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
        // the card answers 6984 once a PIN is blocked, as the real card does (spec C6), and OpenSC names that status word so
        assertTrue(right.all().contains("Reference data not usable"), right.all());
        assertTrue(right.exitCode() != 0, right.all());
        ExternalTool.Result signSide = ExternalTool.run("pkcs15-tool", "--verify-pin", "--auth-id", "02", "--pin", SIGN_PIN);
        assertEquals(0, signSide.exitCode(), signSide.all());
        assertFalse(signSide.all().contains("incorrect"), signSide.all());
    }

    /**
     * OpenSC's own self-test, which OpenSC tells a user to run to test a card: digests,
     * then signing with the slot's private key through every signature mechanism the token lists,
     * each signature checked by OpenSSL with the public key of the certificate OpenSC read from
     * the card, then C_Verify, then decryption.
     */
    @Test
    void pkcs11SelfTestWithTheAuthPinSignsThroughEveryMechanismAndEachSignatureVerifies() throws Exception {
        assertSelfTestWithLogin(AUTH_SLOT_INDEX, AUTH_PIN, "User Authentication Key");
    }

    /** The signature key is "always authenticate": pkcs11-tool verifies the PIN again before each signature. */
    @Test
    void pkcs11SelfTestWithTheSignPinSignsThroughEveryMechanismAndEachSignatureVerifies() throws Exception {
        assertSelfTestWithLogin(SIGN_SLOT_INDEX, SIGN_PIN, "Digital Signature Key");
    }

    /** The private keys are private objects: before a login neither slot shows one, so nothing is signed. */
    @Test
    void pkcs11SelfTestWithoutLoginFindsNoPrivateKeyOnEitherSlot() throws Exception {
        for (String slotIndex : List.of(AUTH_SLOT_INDEX, SIGN_SLOT_INDEX)) {
            ExternalTool.Result test = pkcs11Tool("--slot-index", slotIndex, "--test").requireSuccess();
            assertOnlyErrorIsTheCardsMissingRandomNumberGenerator(test);
            assertEquals(List.of(), Pkcs11ToolOutput.block(test.stdout(), SIGNATURES).lines(), test.all());
            assertTrue(test.stderr().contains("Signatures: no private key found in this slot"), test.all());
            assertEquals(List.of("No private key found for testing"),
                    Pkcs11ToolOutput.block(test.stdout(), VERIFY).trimmedLines(), test.all());
            assertEquals(List.of(), Pkcs11ToolOutput.block(test.stdout(), DECRYPTION).lines(), test.all());
        }
    }

    /**
     * One token per PIN, both in the card's reader, as OpenSC's PKCS#15 emulation of the JPKI AP
     * presents a real card (the labels, manufacturer, model and flags a real card shows are in
     * nosukeg/cygwin-install-bat-for-opensc's README).
     */
    @Test
    void pkcs11ListsOneTokenPerPinInTheCardsReader() throws Exception {
        String slots = pkcs11Tool("--list-slots").requireSuccess().stdout();
        List<Pkcs11ToolOutput.Block> ours = Pkcs11ToolOutput.slotsIn(slots, vcard.readerName());
        assertEquals(2, ours.size(), slots);
        assertToken(ours.get(0), "JPKI (User Authentication PIN)", "4/4", slots);
        assertToken(ours.get(1), "JPKI (Digital Signature PIN)", "6/16", slots);
    }

    /**
     * What each slot shows before and after its PIN, as a real card shows it (the same README's
     * table): the authentication slot its certificate, key and both CA certificates; the
     * signature slot nothing of its own until the sign PIN is verified, because the card keeps
     * the signature certificate, and so the public key OpenSC takes from it, behind that PIN.
     */
    @Test
    void pkcs11ListsEachSlotsObjectsBeforeAndAfterItsPin() throws Exception {
        String authPublic = pkcs11Tool("--slot-index", AUTH_SLOT_INDEX, "--list-objects").requireSuccess().stdout();
        assertEquals(List.of(), Pkcs11ToolOutput.objects(authPublic, PRIVATE_KEY), authPublic);
        assertEquals(List.of("01", "03", "04"), Pkcs11ToolOutput.ids(Pkcs11ToolOutput.objects(authPublic, CERTIFICATE)), authPublic);
        assertEquals(List.of("01", "03", "04"), Pkcs11ToolOutput.ids(Pkcs11ToolOutput.objects(authPublic, PUBLIC_KEY)), authPublic);
        for (Pkcs11ToolOutput.Block publicKey : Pkcs11ToolOutput.objects(authPublic, PUBLIC_KEY)) {
            assertEquals("Public Key Object; RSA 2048 bits", publicKey.header(), authPublic);
        }

        String authPrivate = pkcs11Tool("--slot-index", AUTH_SLOT_INDEX, "--list-objects", "--login", "--pin", AUTH_PIN)
                .requireSuccess().stdout();
        List<Pkcs11ToolOutput.Block> authKeys = Pkcs11ToolOutput.objects(authPrivate, PRIVATE_KEY);
        assertEquals(1, authKeys.size(), authPrivate);
        assertEquals("User Authentication Key", authKeys.get(0).attribute("label"));
        assertEquals("01", authKeys.get(0).attribute("ID"));
        assertEquals("sign", authKeys.get(0).attribute("Usage"));
        assertEquals("sensitive, always sensitive, never extractable, local", authKeys.get(0).attribute("Access"));

        ExternalTool.Result signPublic = pkcs11Tool("--slot-index", SIGN_SLOT_INDEX, "--list-objects").requireSuccess();
        assertEquals(List.of(), Pkcs11ToolOutput.objects(signPublic.stdout(), PRIVATE_KEY), signPublic.all());
        assertEquals(List.of(), Pkcs11ToolOutput.objects(signPublic.stdout(), CERTIFICATE), signPublic.all());
        List<Pkcs11ToolOutput.Block> unreadKey = Pkcs11ToolOutput.objects(signPublic.stdout(), PUBLIC_KEY);
        assertEquals(List.of("02"), Pkcs11ToolOutput.ids(unreadKey), signPublic.all());
        // OpenSC 0.23 lists the key without its size: reading it from EF 0001 needs the sign PIN
        assertEquals("Public Key Object; RSA 0 bits", unreadKey.get(0).header(), signPublic.all());
        assertTrue(signPublic.stderr().contains("C_GetAttributeValue(MODULUS_BITS) failed"), signPublic.all());

        String signPrivate = pkcs11Tool("--slot-index", SIGN_SLOT_INDEX, "--list-objects", "--login", "--pin", SIGN_PIN)
                .requireSuccess().stdout();
        List<Pkcs11ToolOutput.Block> signKeys = Pkcs11ToolOutput.objects(signPrivate, PRIVATE_KEY);
        assertEquals(1, signKeys.size(), signPrivate);
        assertEquals("Digital Signature Key", signKeys.get(0).attribute("label"));
        assertEquals("02", signKeys.get(0).attribute("ID"));
        assertEquals("sign, non-repudiation", signKeys.get(0).attribute("Usage"));
        assertEquals("always authenticate, sensitive, always sensitive, never extractable, local",
                signKeys.get(0).attribute("Access"));
        assertEquals(List.of("02"), Pkcs11ToolOutput.ids(Pkcs11ToolOutput.objects(signPrivate, CERTIFICATE)), signPrivate);
        List<Pkcs11ToolOutput.Block> signPublicKey = Pkcs11ToolOutput.objects(signPrivate, PUBLIC_KEY);
        assertEquals(List.of("02"), Pkcs11ToolOutput.ids(signPublicKey), signPrivate);
        assertEquals("Public Key Object; RSA 2048 bits", signPublicKey.get(0).header(), signPrivate);
    }

    /** The ATR OpenSC matches the jpki driver on, and the key listings a real card's user sees. */
    @Test
    void openScSeesTheJpkiCardAndListsItsKeys() throws Exception {
        assertEquals(JPKI_ATR, ExternalTool.run("opensc-tool", "--atr").requireSuccess().stdout().trim());
        assertEquals("jpki", ExternalTool.run("opensc-tool", "--name").requireSuccess().stdout().trim());

        String keys = ExternalTool.run("pkcs15-tool", "--list-keys").requireSuccess().stdout();
        List<Pkcs11ToolOutput.Block> privateKeys = Pkcs11ToolOutput.blocks(keys);
        assertEquals(List.of("Private RSA Key [User Authentication Key]", "Private RSA Key [Digital Signature Key]"),
                privateKeys.stream().map(Pkcs11ToolOutput.Block::header).toList(), keys);
        assertEquals(List.of("[0x04], sign", "[0x204], sign, nonRepudiation"),
                privateKeys.stream().map(b -> b.attribute("Usage")).toList(), keys);
        assertEquals(List.of("01", "02"), privateKeys.stream().map(b -> b.attribute("Auth ID")).toList(), keys);
        assertEquals(List.of("2048", "2048"), privateKeys.stream().map(b -> b.attribute("ModLength")).toList(), keys);

        String publicKeys = ExternalTool.run("pkcs15-tool", "--list-public-keys").requireSuccess().stdout();
        List<Pkcs11ToolOutput.Block> listed = Pkcs11ToolOutput.blocks(publicKeys);
        assertEquals(List.of("Public RSA Key [User Authentication Public Key]", "Public RSA Key [Digital Signature Public Key]"),
                listed.stream().map(Pkcs11ToolOutput.Block::header).toList(), publicKeys);
        assertEquals(List.of("000a", "0001"), listed.stream().map(b -> b.attribute("Path")).toList(), publicKeys);

        // The "public key" path is the certificate's EF, which holds the DER certificate and nothing
        // else: OpenSC cannot decode it as a public key, as a user of a real card found
        // (nosukeg/cygwin-install-bat-for-opensc, "電子証明書/JPKI から公開鍵を読み出す について")
        ExternalTool.Result publicKey = ExternalTool.run("pkcs15-tool", "--read-public-key", "01");
        assertEquals(1, publicKey.exitCode(), publicKey.all());
        assertTrue(publicKey.stderr().contains("Public key enumeration failed: Required ASN.1 object not found"),
                publicKey.all());
    }

    private void assertSelfTestWithLogin(String slotIndex, String pin, String keyLabel) throws Exception {
        ExternalTool.Result test = pkcs11Tool("--slot-index", slotIndex, "--test", "--login", "--pin", pin).requireSuccess();
        assertOnlyErrorIsTheCardsMissingRandomNumberGenerator(test);

        Pkcs11ToolOutput.Block digests = Pkcs11ToolOutput.block(test.stdout(), "Digests:");
        assertTrue(digests.trimmedLines().contains("all 4 digest functions seem to work"), test.all());

        // one private key per slot: the test signs with it, and finds no other
        Pkcs11ToolOutput.Block signatures = Pkcs11ToolOutput.block(test.stdout(), SIGNATURES);
        assertEquals(List.of("testing key 0 (" + keyLabel + ")", "all 4 signature functions seem to work",
                "testing signature mechanisms:"), signatures.trimmedLines().subList(0, 3), test.all());
        // each "OK" is a signature OpenSSL verified with the certificate's key; RSA-X-509 (raw RSA) is
        // not among them: the jpki driver declares PKCS#1 v1.5 padding only, as the card signs only that
        assertEquals(allOk("RSA-PKCS", "SHA1-RSA-PKCS", "MD5-RSA-PKCS", "RIPEMD160-RSA-PKCS", "SHA256-RSA-PKCS"),
                signatures.mechanismResults(), test.all());
        assertEquals(8, signatures.lines().size(), test.all());

        Pkcs11ToolOutput.Block verify = Pkcs11ToolOutput.block(test.stdout(), VERIFY);
        assertEquals("testing key 0 (" + keyLabel + ")", verify.trimmedLines().get(0), test.all());
        assertEquals(allOk("RSA-PKCS", "SHA1-RSA-PKCS", "MD5-RSA-PKCS", "RIPEMD160-RSA-PKCS"),
                verify.mechanismResults(), test.all());

        // the JPKI keys sign only (usage sign, and non-repudiation for the signature key)
        assertEquals(List.of("testing key 0 (" + keyLabel + ") -- can't be used to decrypt, skipping"),
                Pkcs11ToolOutput.block(test.stdout(), DECRYPTION).trimmedLines(), test.all());
    }

    /**
     * The self-test's one error, with or without a login: C_GenerateRandom. OpenSC's jpki driver
     * keeps ISO 7816's GET CHALLENGE ({@code 00 84 00 00 Le}), which our card, like any card without
     * the command, refuses with 6D00; OpenSC returns CKR_GENERAL_ERROR and the self-test counts one
     * error (its exit status stays 0). Whether the real card answers GET CHALLENGE in the JPKI AP is
     * not public: jpki/myna never sends it, and no public trace of OpenSC's random-number path
     * against a real card shows its answer; so the card does not invent one
     * (docs/spec/card-interface.md §3).
     */
    private static void assertOnlyErrorIsTheCardsMissingRandomNumberGenerator(ExternalTool.Result test) {
        assertEquals(1, Pkcs11ToolOutput.errorCount(test.stdout()), test.all());
        assertEquals(List.of("ERR: C_GenerateRandom failed: CKR_GENERAL_ERROR (0x5)"),
                test.all().lines().map(String::trim).filter(line -> line.contains("ERR")).toList(), test.all());
        assertEquals(List.of("seeding (C_SeedRandom) not supported"),
                Pkcs11ToolOutput.block(test.stdout(), "C_SeedRandom() and C_GenerateRandom():").trimmedLines(), test.all());
    }

    private static void assertToken(Pkcs11ToolOutput.Block slot, String label, String pinLengths, String listing) {
        assertEquals(label, slot.attribute("token label"), listing);
        assertEquals("JPKI", slot.attribute("token manufacturer"), listing);
        assertEquals("PKCS#15 emulated", slot.attribute("token model"), listing);
        assertEquals("login required, token initialized, PIN initialized", slot.attribute("token flags"), listing);
        assertEquals(pinLengths, slot.attribute("pin min/max"), listing);
    }

    private static Map<String, String> allOk(String... mechanisms) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String mechanism : mechanisms) {
            results.put(mechanism, "OK");
        }
        return results;
    }

    private static ExternalTool.Result pkcs11Tool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", OPENSC_PKCS11));
        command.addAll(List.of(arguments));
        return ExternalTool.run(command.toArray(String[]::new));
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
