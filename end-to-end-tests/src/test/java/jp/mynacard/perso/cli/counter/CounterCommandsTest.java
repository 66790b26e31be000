package jp.mynacard.perso.cli.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult.Status;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.PersoMain;
import jp.mynacard.perso.cli.counter.CardConnection;
import jp.mynacard.perso.cli.counter.ChangeAddressCommand;
import jp.mynacard.perso.cli.counter.FoundCommand;
import jp.mynacard.perso.cli.counter.InvalidateCommand;
import jp.mynacard.perso.cli.counter.ReportLostCommand;
import jp.mynacard.perso.cli.counter.SecretInput;
import jp.mynacard.perso.cli.counter.SmartphoneCommand;
import jp.mynacard.perso.cli.counter.HolderCardConnection;
import jp.mynacard.perso.cli.counter.UnblockPinCommand;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The verbs run in-process through picocli against the test centre over HTTP: the card-less ones
 * as they are, the card verbs with a jcardsim card in place of the PC/SC reader.
 */
class CounterCommandsTest {
    private static final String KEYSTORE_PASSWORD = "test-only-keystore";

    private final String centre = VirtualCard.testCentre().uri().toString();

    @TempDir
    Path work;

    private Path audit;

    @BeforeEach
    void auditFile() {
        audit = work.resolve("counter-audit.jsonl");
    }

    @Test
    void reportLostThenInvalidate() throws Exception {
        IssuedCertificates issued = VirtualCard.issue(Holder.sample()).certificates();
        X509Certificate auth = x509(issued.authCertificate());
        X509Certificate sign = x509(issued.signCertificate());
        String[] serials = {"--auth-serial", hex(auth), "--sign-serial", hex(sign), "--centre", centre,
                "--audit", audit.toString(), "--operator", "clerk-12"};
        CertificateValidator validator = CertificateValidator.builder()
                .trustAnchors(List.of(x509(issued.authCaCertificate()), x509(issued.signCaCertificate()))).ocsp(true).build();

        Run lost = run(new ReportLostCommand(), serials);
        assertEquals(0, lost.code, lost.err);
        assertTrue(lost.out.contains("suspended") && lost.out.contains(hex(auth)), lost.out);
        assertEquals(Status.SUSPENDED, validator.validate(auth).status());
        assertEquals(Status.SUSPENDED, validator.validate(sign).status());

        Run invalidated = run(new InvalidateCommand(), concat(serials, "--reason", "KEY_COMPROMISE"));
        assertEquals(0, invalidated.code, invalidated.err);
        assertTrue(invalidated.out.contains("keyCompromise"), invalidated.out);
        assertEquals(Status.REVOKED, validator.validate(auth).status());
        assertEquals(Status.REVOKED, validator.validate(sign).status());

        List<Map<String, String>> lines = auditLines();
        assertEquals(2, lines.size(), lines.toString());
        String certificates = "auth:" + hex(auth) + " sign:" + hex(sign);
        assertLine(lines.get(0), "report-lost", "done", certificates, "suspended auth:" + hex(auth) + ", suspended sign:" + hex(sign));
        assertEquals("clerk-12", lines.get(0).get("operator"));
        assertFalse(lines.get(0).containsKey("card"), "a card-less verb has read no card");
        assertLine(lines.get(1), "invalidate", "done", certificates,
                "revoked auth:" + hex(auth) + " keyCompromise, revoked sign:" + hex(sign) + " keyCompromise");
        assertFalse(lines.get(1).containsKey("signature"), "--operator lines are unsigned");
    }

    @Test
    void badInputAndTheCentresRefusalAreOneLineAndExitCodeOne() throws Exception {
        Run badSerial = run(new ReportLostCommand(), "--auth-serial", "xyz", "--sign-serial", "1", "--centre", centre,
                "--audit", audit.toString());
        assertEquals(1, badSerial.code);
        assertTrue(badSerial.err.startsWith("report-lost: the authentication certificate's serial 'xyz'"), badSerial.err);

        Run unknown = run(new InvalidateCommand(), "--auth-serial", "7FFFFFFFFFFF", "--sign-serial", "7FFFFFFFFFFE", "--centre", centre,
                "--audit", audit.toString());
        assertEquals(1, unknown.code);
        assertTrue(unknown.err.startsWith("invalidate: ") && !unknown.err.contains("\tat "), unknown.err);

        // nothing listens on port 1: the centre is down
        Run down = run(new ReportLostCommand(), "--auth-serial", "1A", "--sign-serial", "1B", "--centre", "http://127.0.0.1:1/",
                "--audit", audit.toString());
        assertEquals(1, down.code, down.out);

        List<Map<String, String>> lines = auditLines();
        assertEquals(3, lines.size(), lines.toString());
        assertLine(lines.get(0), "report-lost", "failed", null, "none");
        assertTrue(lines.get(0).get("reason").contains("serial 'xyz'"), lines.get(0).toString());
        assertLine(lines.get(1), "invalidate", "failed", "auth:7FFFFFFFFFFF sign:7FFFFFFFFFFE", "none");
        assertEquals(unknown.err.strip(), "invalidate: " + lines.get(1).get("reason"), "the audit gives the reason the clerk saw");
        assertLine(lines.get(2), "report-lost", "failed", "auth:1A sign:1B", "none");
        assertEquals(down.err.strip(), "report-lost: " + lines.get(2).get("reason"));
    }

    @Test
    void withoutTheOperatorsCredentialNothingIsDoneAndNothingWritten() throws Exception {
        Path keystore = operatorKeystore("CN=clerk-3,O=Chiyoda Ward Office");
        ReportLostCommand command = new ReportLostCommand();
        command.secrets = new SecretInput(name -> "MYNACARD_MASTER_KEY_PASSWORD".equals(name) ? "wrong" : null, null);
        Run refused = run(command, "--auth-serial", "1A", "--sign-serial", "1B", "--centre", "http://127.0.0.1:1/",
                "--audit", audit.toString(), "--master-key", keystore.toString(), "--operator-alias", "clerk");
        assertEquals(1, refused.code);
        assertTrue(refused.err.startsWith("report-lost: nothing done, no audit log: "), refused.err);
        assertFalse(Files.exists(audit) && Files.size(audit) > 0, "no line without an operator");
    }

    @Test
    void aNewPinComesOnlyFromTheEnvironmentOrThePromptAndIsCheckedBeforeTheCard() throws Exception {
        UnblockPinCommand command = new UnblockPinCommand();
        command.secrets = new SecretInput(name -> UnblockPinCommand.NEW_PIN_VARIABLE.equals(name) ? "12A4" : null, null);
        Run refused = run(command, "--pin", "auth", "--master-key", "/nonexistent.p12", "--reader", "no such reader",
                "--audit", audit.toString());
        assertEquals(1, refused.code);
        assertTrue(refused.err.contains("must be 4 digits"), refused.err);
        assertTrue(!refused.err.contains("12A4") && !refused.out.contains("12A4"), "the PIN is never printed");
        Map<String, String> line = auditLines().get(0);
        assertLine(line, "unblock-pin", "failed", null, "none");
        assertEquals("auth", line.get("pin"));
        assertTrue(line.get("reason").contains("must be 4 digits"), line.toString());
        assertFalse(Files.readString(audit).contains("12A4"), "the PIN is never audited");
        Run noOption = run(new UnblockPinCommand(), "--pin", "auth", "--master-key", "k.p12", "--new-pin", "1234");
        assertEquals(2, noOption.code, "there is no option to pass a PIN on the command line");
    }

    @Test
    void changeAddressUnblockPinAndFoundOnACardEachAuditedSignedAndVerified(@TempDir Path dir) throws Exception {
        Holder holder = Holder.sample();
        VirtualCard card = VirtualCard.issue(holder);
        IssuedCertificates issued = card.certificates();
        X509Certificate auth = x509(issued.authCertificate());
        X509Certificate sign = x509(issued.signCertificate());
        CertificateValidator validator = CertificateValidator.builder()
                .trustAnchors(List.of(x509(issued.authCaCertificate()), x509(issued.signCaCertificate()))).ocsp(true).build();
        Path holderFile = dir.resolve("moved.properties");
        Files.writeString(holderFile, String.join("\n", "name=" + holder.name(), "birth-date=" + holder.birthDate(), "sex=female",
                "address=北海道札幌市中央区北一条西二丁目", "my-number=" + holder.myNumber().digits(), "card-expiry=" + holder.cardExpiry(),
                "security-code=" + holder.securityCode(), "municipality=" + holder.municipalityCode()), StandardCharsets.UTF_8);

        String cardSerial;
        try (SurfaceCard surface = SurfaceCard.open(card.terminal())) {
            cardSerial = surface.apInfo().serial();
        }
        // the operator's credential beside the master key (the simulated card brings its own master key)
        Path keystore = operatorKeystore("CN=clerk-3,O=Chiyoda Ward Office");
        String[] signed = {"--master-key", keystore.toString(), "--operator-alias", "clerk", "--audit", audit.toString()};

        ChangeAddressCommand change = new ChangeAddressCommand();
        change.card = new SimulatedCard(card);
        change.secrets = secrets(null);
        Run changed = run(change, concat(signed, "--centre", centre, "--holder", holderFile.toString(), "--sign-serial", hex(sign)));
        assertEquals(0, changed.code, changed.err);
        assertEquals(Status.REVOKED, validator.validate(sign).status());
        assertEquals(Status.VALID, validator.validate(auth).status());

        UnblockPinCommand unblock = new UnblockPinCommand();
        unblock.card = new SimulatedCard(card);
        unblock.secrets = secrets("SECRET77");
        Run reset = run(unblock, concat(signed, "--pin", "sign"));
        assertEquals(0, reset.code, reset.err);
        assertTrue(!reset.out.contains("SECRET77") && !reset.err.contains("SECRET77"));
        X509Certificate moved;
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.SIGN, "SECRET77".toCharArray());
            moved = jpki.certificate(JpkiCertificate.SIGN);
        }
        assertTrue(changed.out.contains(hex(moved)), changed.out);
        assertEquals(Status.VALID, validator.validate(moved).status());

        FoundCommand found = new FoundCommand();
        found.card = new SimulatedCard(card);
        found.secrets = secrets(null);
        Run recovered = run(found, concat(signed, "--centre", centre, "--holder", holderFile.toString(),
                "--auth-serial", hex(auth), "--sign-serial", hex(moved)));
        assertEquals(0, recovered.code, recovered.err);
        assertTrue(recovered.out.contains("new authentication certificate") && recovered.out.contains("installed"), recovered.out);
        assertEquals(Status.REVOKED, validator.validate(auth).status());
        assertEquals(Status.REVOKED, validator.validate(moved).status());
        X509Certificate newAuth;
        X509Certificate newSign;
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            newAuth = jpki.certificate(JpkiCertificate.AUTH);
            jpki.verifyPin(JpkiKey.SIGN, "SECRET77".toCharArray());
            newSign = jpki.certificate(JpkiCertificate.SIGN);
        }

        // a refused reset, by the same operator
        UnblockPinCommand refusedReset = new UnblockPinCommand();
        refusedReset.card = new SimulatedCard(card);
        refusedReset.secrets = secrets("98A1");
        assertEquals(1, run(refusedReset, concat(signed, "--pin", "input-helper")).code);

        List<Map<String, String>> lines = auditLines();
        assertEquals(4, lines.size(), lines.toString());
        lines.forEach(line -> assertEquals("clerk-3", line.get("operator"), "the certificate's CN is the operator"));
        Map<String, String> changeLine = lines.get(0);
        assertLine(changeLine, "change-address", "done", "sign:" + hex(sign),
                "revoked sign:" + hex(sign) + " affiliationChanged, issued sign:" + hex(moved));
        assertEquals(cardSerial, changeLine.get("card"));
        assertEquals("sign:" + hex(moved), changeLine.get("new-certificates"));
        Map<String, String> resetLine = lines.get(1);
        assertLine(resetLine, "unblock-pin", "done", null, "none");
        assertEquals(cardSerial, resetLine.get("card"));
        assertEquals("sign", resetLine.get("pin"));
        Map<String, String> foundLine = lines.get(2);
        assertLine(foundLine, "found", "done", "auth:" + hex(auth) + " sign:" + hex(moved),
                "revoked auth:" + hex(auth) + " keyCompromise, revoked sign:" + hex(moved) + " keyCompromise, issued auth:"
                        + hex(newAuth) + ", issued sign:" + hex(newSign));
        assertEquals("auth:" + hex(newAuth) + " sign:" + hex(newSign), foundLine.get("new-certificates"));
        assertEquals(cardSerial, foundLine.get("card"));
        assertLine(lines.get(3), "unblock-pin", "failed", null, "none");
        assertEquals("input-helper", lines.get(3).get("pin"));

        String text = Files.readString(audit);
        for (String secret : List.of("SECRET77", "98A1", holder.myNumber().digits(), KEYSTORE_PASSWORD, holder.name())) {
            assertFalse(text.contains(secret), "the audit log holds no PIN, My Number, password or name");
        }

        // the supervisor's check, as for a batch's log: it passes, and names an edited line
        Path certificate = dir.resolve("clerk-3.pem");
        keytool("-exportcert", "-rfc", "-alias", "clerk", "-keystore", keystore.toString(), "-file", certificate.toString());
        String[] verify = {"audit-verify", "--audit", audit.toString(), "--certificate", certificate.toString()};
        Run verified = run(new PersoMain(), verify);
        assertEquals(0, verified.code, verified.out + verified.err);
        assertTrue(verified.out.contains("clerk-3: 4 lines verified, 0 problems"), verified.out);

        List<String> raw = Files.readAllLines(audit, StandardCharsets.UTF_8);
        raw.set(1, raw.get(1).replace("\"pin\":\"sign\"", "\"pin\":\"auth\""));
        Files.write(audit, raw, StandardCharsets.UTF_8);
        Run edited = run(new PersoMain(), verify);
        assertEquals(1, edited.code, edited.out);
        assertTrue(edited.out.contains("line 2: the signature does not match"), edited.out);
    }

    /** The card verbs' connection with a jcardsim card and this JVM's test issuer key in place of PC/SC and a keystore. */
    /** perso smartphone: the phone's blank secure element in one reader, the holder's card in the other. */
    @Test
    void smartphoneIssuesAPhoneTokenVouchedForByTheCardAndAuditsIt() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        VirtualCard phone = VirtualCard.blankSmartphone(SmartphonePlatform.ANDROID);
        SmartphoneCommand command = new SmartphoneCommand();
        command.phone = new SimulatedCard(phone);
        command.card = new SimulatedHolderCard(card);
        command.secrets = smartphoneSecrets("ABCDEF12");
        Run issued = run(command, "--platform", "android", "--card-reader", "simulated", "--centre", centre, "--audit", audit.toString(), "--operator", "clerk-5");
        assertEquals(0, issued.code, issued.err);
        assertTrue(issued.out.startsWith("issued the android phone's JPKI token"), issued.out);
        for (String secret : List.of("ABCDEF12", "5678", "PHONE2026")) {
            assertFalse(issued.out.contains(secret) || issued.err.contains(secret) || Files.readString(audit).contains(secret),
                    "no PIN printed or audited");
        }
        try (jp.mynacard.host.jpki.JpkiCard token = jp.mynacard.host.jpki.JpkiCard.open(phone.terminal())) {
            token.verifyPin(jp.mynacard.host.jpki.JpkiKey.SIGN, "PHONE2026".toCharArray());
            assertEquals("番号　花子", token.certifiedAttributes().name(), "issued to the card's holder");
        }

        SmartphoneCommand wrongPin = new SmartphoneCommand();
        wrongPin.phone = new SimulatedCard(VirtualCard.blankSmartphone(SmartphonePlatform.ANDROID));
        wrongPin.card = new SimulatedHolderCard(card);
        wrongPin.secrets = smartphoneSecrets("WRONG123");
        Run refused = run(wrongPin, "--platform", "android", "--card-reader", "simulated", "--centre", centre, "--audit", audit.toString(), "--operator", "clerk-5");
        assertEquals(1, refused.code, refused.out);
        assertTrue(refused.err.contains("smartphone: "), refused.err);
    }

    /** The card's signature PIN as given, the phone's two PINs, as the environment would give them. */
    private static SecretInput smartphoneSecrets(String cardSignPin) {
        return new SecretInput(name -> switch (name) {
            case "MYNACARD_CARD_SIGN_PIN" -> cardSignPin;
            case "MYNACARD_PHONE_AUTH_PIN" -> "5678";
            case "MYNACARD_PHONE_SIGN_PIN" -> "PHONE2026";
            default -> null;
        }, null);
    }

    private static final class SimulatedHolderCard extends HolderCardConnection {
        private final VirtualCard card;

        SimulatedHolderCard(VirtualCard card) {
            this.card = card;
        }

        @Override
        ApduChannel open() {
            return ApduChannel.open(card.terminal());
        }
    }

    private static final class SimulatedCard extends CardConnection {
        private final VirtualCard card;

        SimulatedCard(VirtualCard card) {
            this.card = card;
        }

        @Override
        IssuerMasterKey master(SecretInput secrets) {
            return VirtualCard.testIssuerKey();
        }

        @Override
        ApduChannel open() {
            return ApduChannel.open(card.terminal());
        }
    }

    private record Run(int code, String out, String err) {
    }

    /** The unblock's new PIN (null: none) and the keystore password, as the environment would give them. */
    private static SecretInput secrets(String newPin) {
        return new SecretInput(name -> switch (name) {
            case UnblockPinCommand.NEW_PIN_VARIABLE -> newPin;
            case "MYNACARD_MASTER_KEY_PASSWORD" -> KEYSTORE_PASSWORD;
            default -> null;
        }, null);
    }

    private static void assertLine(Map<String, String> line, String action, String outcome, String certificates, String centre) {
        assertEquals(action, line.get("action"), line.toString());
        assertEquals(outcome, line.get("outcome"), line.toString());
        assertEquals(certificates, line.get("certificates"), line.toString());
        assertEquals(centre, line.get("centre"), line.toString());
        assertEquals(outcome.equals("failed"), line.containsKey("reason"), line.toString());
    }

    /** The audit file's lines as JSON objects of strings. */
    private List<Map<String, String>> auditLines() throws Exception {
        List<Map<String, String>> lines = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (String text : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
            try (JsonParser parser = json.createParser(text)) {
                Map<String, String> line = new LinkedHashMap<>();
                assertEquals(JsonToken.START_OBJECT, parser.nextToken(), text);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    line.put(name, parser.getValueAsString());
                }
                lines.add(line);
            }
        }
        return lines;
    }

    /** A PKCS#12 keystore holding an operator credential under alias "clerk". */
    private Path operatorKeystore(String subject) throws Exception {
        Path keystore = work.resolve("issuer.p12");
        keytool("-genkeypair", "-alias", "clerk", "-dname", subject, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", keystore.toString());
        return keystore;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "STOREPASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STOREPASS", KEYSTORE_PASSWORD);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
