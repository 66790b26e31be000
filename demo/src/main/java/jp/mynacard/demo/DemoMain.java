package jp.mynacard.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.mynacard.host.cardface.CardAttributes;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cms.CardCmsSigner;
import jp.mynacard.host.cms.CmsSigningException;
import jp.mynacard.host.cms.CmsVerifier;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.Centre;
import jp.mynacard.kiosk.KioskOutcome;
import jp.mynacard.kiosk.KioskServiceServer;
import jp.mynacard.kiosk.KioskTerminal;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/demo}: the seeds' story on one machine. A card is issued by the (simulated) J-LIS
 * centre; at a convenience-store kiosk the holder authenticates with the 4-digit PIN and gets a
 * 住民票の写し; the holder signs a document that OpenSSL verifies; the holder reports the card lost,
 * the centre suspends its certificates, and the next kiosk authentication is refused.
 * Everything crosses the real wire: APDUs to the card applets, HTTP to the centre (OCSP, the
 * holder link) and to the municipal service.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Issue a virtual My Number card and follow it through a kiosk, a signature and a loss report.")
public final class DemoMain implements Callable<Integer> {
    private static final char[] SIGN_PIN = "ABCDEF12".toCharArray();
    private static final char[] AUTH_PIN = "1234".toCharArray();
    private static final String SAMPLE_DOCUMENT = "転出届\n氏名: 番号　花子\n提出日: 2026-11-23\n";
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "file to sign (default: a sample document)")
    Path file;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "where to write what the demo makes (default ${DEFAULT-VALUE})")
    Path outDir = Path.of("target", "demo");

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger SERVICE_LOG = Logger.getLogger("jp.mynacard.kiosk");
    private static final Logger FONTBOX_LOG = Logger.getLogger("org.apache.fontbox");

    public static void main(String[] args) {
        // the story is told on stdout; the service's own log and fontbox's font notes would interrupt it
        SERVICE_LOG.setLevel(Level.WARNING);
        FONTBOX_LOG.setLevel(Level.SEVERE);
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Files.createDirectories(outDir);
        Centre centre = VirtualCard.testCentre();

        long start = System.nanoTime();
        VirtualCard card = VirtualCard.issue(Holder.sample());
        out.printf("1. card issued to %s: keys generated on the card, certificates from the centre at %s (%d ms)%n",
                Holder.sample().name(), centre.uri(), millisSince(start));
        showAttributes(card, out);

        X509Certificate authCa = x509(card.certificates().authCaCertificate());
        CertificateValidator validator = CertificateValidator.builder().trustAnchors(List.of(authCa)).build();
        try (KioskServiceServer server = SampleKioskService.start()) {
            Path residence = outDir.resolve("juminhyo.pdf");
            out.printf("3. at the kiosk (service %s): the holder enters the 4-digit PIN, the card signs the service's challenge%n",
                    server.uri());
            KioskOutcome first = kiosk(server, card, residence, out);
            if (first != KioskOutcome.ISSUED) {
                return 1;
            }

            Path document = file != null ? file : Files.writeString(outDir.resolve("document.txt"), SAMPLE_DOCUMENT, StandardCharsets.UTF_8);
            if (!signAndVerify(card, document, out)) {
                return 1;
            }

            BigInteger authSerial = x509(card.certificates().authCertificate()).getSerialNumber();
            BigInteger signSerial = x509(card.certificates().signCertificate()).getSerialNumber();
            centre.administration().suspend(authSerial, Optional.empty());
            centre.administration().suspend(signSerial, Optional.empty());
            out.printf("6. the holder reports the card lost: the centre suspends both certificates (%s, %s)%n",
                    hex(authSerial), hex(signSerial));
            ValidationResult now = validator.validate(x509(card.certificates().authCertificate()));
            out.printf("   the centre's OCSP responder now says: %s%n", now.describe());

            out.println("7. someone tries the card at the kiosk again:");
            KioskOutcome second = kiosk(server, card, outDir.resolve("juminhyo-refused.pdf"), out);
            boolean refused = second == KioskOutcome.AUTHENTICATION_REFUSED && !Files.exists(outDir.resolve("juminhyo-refused.pdf"));
            out.printf("   %s%n", refused ? "refused, nothing issued: the story ends as the seeds tell it"
                    : "NOT refused (" + second + "): something is wrong");
            return refused ? 0 : 1;
        }
    }

    /** The four attributes the input-helper AP holds, as a counter application form would take them. */
    private static void showAttributes(VirtualCard virtualCard, PrintStream out) throws IOException {
        try (InputHelperCard helper = InputHelperCard.open(virtualCard.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, AUTH_PIN.clone());
            CardAttributes attributes = helper.attributes();
            out.printf("2. four attributes from the card-input-helper AP: %s, %s, born %s, %s (%s)%n", attributes.name(),
                    attributes.address(), attributes.birthDate(), attributes.sex().word(),
                    helper.verify().genuine() ? "as the centre signed them" : "NOT as signed");
        }
    }

    private static KioskOutcome kiosk(KioskServiceServer server, VirtualCard card, Path pdf, PrintStream out)
            throws IOException, InterruptedException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        KioskOutcome outcome = new KioskTerminal(server.uri(), new PrintStream(screen, true, StandardCharsets.UTF_8))
                .serve(card.terminal(), AUTH_PIN::clone, pdf);
        for (String line : screen.toString(StandardCharsets.UTF_8).split("\n")) {
            out.println("   kiosk screen: " + line);
        }
        return outcome;
    }

    /** A CMS signature with the signature key, checked by this library and, where installed, by OpenSSL. */
    private boolean signAndVerify(VirtualCard card, Path document, PrintStream out)
            throws IOException, CmsSigningException, CertificateException, InterruptedException {
        byte[] content = Files.readAllBytes(document);
        byte[] cms;
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.SIGN, SIGN_PIN.clone());
            cms = CardCmsSigner.of(jpki, JpkiKey.SIGN).sign(content, true, Instant.now());
        }
        Path signature = Files.write(outDir.resolve("document.p7s"), cms);
        X509Certificate signCa = x509(card.certificates().signCaCertificate());
        Path caFile = Files.writeString(outDir.resolve("sign-ca.pem"), pem(signCa), StandardCharsets.US_ASCII);
        out.printf("4. the holder signs %s with the signature PIN: %s (CMS, SHA-256, signing time, detached)%n",
                document, signature);
        CmsVerifier.Result ours = new CmsVerifier(List.of(signCa), true).verify(cms, content);
        out.printf("   this library: %s%n", ours.valid() ? "valid, signed by " + ours.signerName() + ", not revoked (OCSP)"
                : "NOT valid: " + ours.reason());
        String command = "openssl cms -verify -binary -inform DER -in " + signature + " -content " + document
                + " -CAfile " + caFile + " -out /dev/null";
        if (!Files.isExecutable(OPENSSL)) {
            out.printf("5. check it with OpenSSL: %s%n", command);
            return ours.valid();
        }
        Process openssl = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean accepted = openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0;
        out.printf("5. %s%n   openssl: %s%n", command, said);
        return ours.valid() && accepted;
    }

    private static String pem(X509Certificate certificate) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate x509(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
