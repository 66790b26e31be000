package jp.mynacard.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.CardAttributes;
import jp.mynacard.host.cardface.FrontFaceImage;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.host.cardface.SurfaceVerification;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.perso.Holder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/demo}: issues the sample holder's card in this JVM, signs a file with its
 * signature key through the host library, and verifies the signature and the certificate
 * path the way a relying party does.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Issue a virtual My Number card, sign a file with it and verify the signature.")
public final class DemoMain implements Callable<Integer> {
    private static final char[] SIGN_PIN = "ABCDEF12".toCharArray();
    private static final char[] AUTH_PIN = "1234".toCharArray();
    /** The sample card's PIN-B: era birth date 010331, expiry year 2034, security code 5678. */
    private static final char[] PIN_B = "01033120345678".toCharArray();
    private static final String SAMPLE_DOCUMENT = "転出届\n氏名: 番号　花子\n提出日: 2026-11-23\n";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "file to sign (default: a sample document)")
    Path file;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "where to write the signature and certificate (default ${DEFAULT-VALUE})")
    Path outDir = Path.of("target", "demo");

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        PrintStream out = System.out;
        Files.createDirectories(outDir);
        Path document = file != null ? file : Files.writeString(outDir.resolve("document.txt"), SAMPLE_DOCUMENT, StandardCharsets.UTF_8);
        byte[] message = Files.readAllBytes(document);

        long start = System.nanoTime();
        VirtualCard virtualCard = VirtualCard.issue(Holder.sample());
        out.printf("1. issued the sample holder's card: keys generated on the card, certificates from the test centre (%d ms)%n",
                millisSince(start));

        byte[] signature;
        X509Certificate certificate;
        X509Certificate ca;
        int apdus;
        start = System.nanoTime();
        try (JpkiCard card = JpkiCard.open(virtualCard.terminal())) {
            out.printf("2. sign PIN: %d tries left; verifying the sign PIN%n", card.pinTriesLeft(JpkiKey.SIGN));
            card.verifyPin(JpkiKey.SIGN, SIGN_PIN);
            certificate = card.certificate(JpkiCertificate.SIGN);
            ca = card.certificate(JpkiCertificate.SIGN_CA);
            signature = card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, message);
            apdus = card.channel().commandCount();
        }
        out.printf("3. signed %s (%d bytes) with the signature key, SHA-256, RSA-2048 PKCS#1 v1.5: %d APDUs, %d ms%n",
                document, message.length, apdus, millisSince(start));
        Path signatureFile = Files.write(outDir.resolve("document.sig"), signature);
        Path certificateFile = Files.write(outDir.resolve("sign-certificate.der"), certificate.getEncoded());

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        boolean valid = verifier.verify(signature);
        out.printf("4. signature verified against the certificate read from the card: %s%n", valid ? "OK" : "FAILED");
        validatePath(certificate, ca);
        out.printf("5. certificate path valid up to %s, not revoked (OCSP at %s)%n", ca.getSubjectX500Principal().getName(),
                VirtualCard.testCentre().publicationPoints().ocsp());
        out.printf("   subject %s, valid until %s%n", certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
        out.printf("   wrote %s and %s; check with: openssl dgst -sha256 -verify <(openssl x509 -inform DER -in %s -pubkey -noout) -signature %s %s%n",
                signatureFile, certificateFile, certificateFile, signatureFile, document);
        showCardFace(virtualCard, out);
        return valid ? 0 : 1;
    }

    /** The card-face APs: the four attributes as text, and the printed face composed from the chip's images. */
    private void showCardFace(VirtualCard virtualCard, PrintStream out) throws IOException {
        try (InputHelperCard helper = InputHelperCard.open(virtualCard.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, AUTH_PIN.clone());
            CardAttributes attributes = helper.attributes();
            out.printf("6. four attributes from the input-helper AP: %s, %s, born %s, %s (%s)%n", attributes.name(),
                    attributes.address(), attributes.birthDate(), attributes.sex().name().toLowerCase(java.util.Locale.ROOT),
                    helper.verify().genuine() ? "as the centre signed them" : "NOT as signed");
        }
        try (SurfaceCard surface = SurfaceCard.open(virtualCard.terminal())) {
            surface.verifyPin(SurfacePin.PIN_B, PIN_B.clone());
            Path face = Files.write(outDir.resolve("face.png"), FrontFaceImage.png(surface.frontFace()));
            SurfaceVerification verification = surface.verify(VirtualCard.testCentre().administration().authorityCertificate("card-data"));
            out.printf("7. card face written to %s; %s%n", face, verification.genuine()
                    ? "genuine (" + SurfaceVerification.NOT_COVERED + ")" : "NOT genuine: " + verification.describe());
        }
    }

    /**
     * PKIX path to the signature CA, revocation checked by the JDK's own OCSP client at the URL
     * the certificate names (the centre's responder), as a relying party does.
     */
    static void validatePath(X509Certificate certificate, X509Certificate ca) throws GeneralSecurityException {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.addCertPathChecker(revocation);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
