package jp.mynacard.counter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult.Status;
import jp.mynacard.perso.Holder;
import jp.mynacard.perso.IssuedCertificates;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The verbs run in-process through picocli against the test centre over HTTP: the card-less ones
 * as they are, the card verbs with a jcardsim card in place of the PC/SC reader.
 */
class CounterCommandsTest {
    private final String centre = VirtualCard.testCentre().uri().toString();

    @Test
    void reportLostThenInvalidate() throws Exception {
        IssuedCertificates issued = VirtualCard.issue(Holder.sample()).certificates();
        X509Certificate auth = x509(issued.authCertificate());
        X509Certificate sign = x509(issued.signCertificate());
        String[] serials = {"--auth-serial", hex(auth), "--sign-serial", hex(sign), "--centre", centre};
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
    }

    @Test
    void badInputAndTheCentresRefusalAreOneLineAndExitCodeOne() {
        Run badSerial = run(new ReportLostCommand(), "--auth-serial", "xyz", "--sign-serial", "1", "--centre", centre);
        assertEquals(1, badSerial.code);
        assertTrue(badSerial.err.startsWith("report-lost: the authentication certificate's serial 'xyz'"), badSerial.err);

        Run unknown = run(new InvalidateCommand(), "--auth-serial", "7FFFFFFFFFFF", "--sign-serial", "7FFFFFFFFFFE", "--centre", centre);
        assertEquals(1, unknown.code);
        assertTrue(unknown.err.startsWith("invalidate: ") && !unknown.err.contains("\tat "), unknown.err);
    }

    @Test
    void aNewPinComesOnlyFromTheEnvironmentOrThePromptAndIsCheckedBeforeTheCard() {
        UnblockPinCommand command = new UnblockPinCommand();
        command.secrets = new SecretInput(name -> UnblockPinCommand.NEW_PIN_VARIABLE.equals(name) ? "12A4" : null, null);
        Run refused = run(command, "--pin", "auth", "--master-key", "/nonexistent.p12", "--reader", "no such reader");
        assertEquals(1, refused.code);
        assertTrue(refused.err.contains("must be 4 digits"), refused.err);
        assertTrue(!refused.err.contains("12A4") && !refused.out.contains("12A4"), "the PIN is never printed");
        Run noOption = run(new UnblockPinCommand(), "--pin", "auth", "--master-key", "k.p12", "--new-pin", "1234");
        assertEquals(2, noOption.code, "there is no option to pass a PIN on the command line");
    }

    @Test
    void changeAddressUnblockPinAndFoundOnACard(@TempDir Path dir) throws Exception {
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

        ChangeAddressCommand change = new ChangeAddressCommand();
        change.card = new SimulatedCard(card);
        Run changed = run(change, "--master-key", "unused.p12", "--centre", centre, "--holder", holderFile.toString(), "--sign-serial", hex(sign));
        assertEquals(0, changed.code, changed.err);
        assertEquals(Status.REVOKED, validator.validate(sign).status());
        assertEquals(Status.VALID, validator.validate(auth).status());

        UnblockPinCommand unblock = new UnblockPinCommand();
        unblock.card = new SimulatedCard(card);
        unblock.secrets = new SecretInput(name -> UnblockPinCommand.NEW_PIN_VARIABLE.equals(name) ? "SECRET77" : null, null);
        Run reset = run(unblock, "--pin", "sign", "--master-key", "unused.p12");
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
        Run recovered = run(found, "--master-key", "unused.p12", "--centre", centre, "--holder", holderFile.toString(),
                "--auth-serial", hex(auth), "--sign-serial", hex(moved));
        assertEquals(0, recovered.code, recovered.err);
        assertTrue(recovered.out.contains("new authentication certificate") && recovered.out.contains("installed"), recovered.out);
        assertEquals(Status.REVOKED, validator.validate(auth).status());
        assertEquals(Status.REVOKED, validator.validate(moved).status());
    }

    /** The card verbs' connection with a jcardsim card and this JVM's test issuer key in place of PC/SC and a keystore. */
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
