package jp.mynacard.myna;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.mynacard.host.jpki.CertificateAbsentException;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna cert auth|sign|auth-ca|sign-ca}: a certificate, PEM or DER. */
@Command(name = "cert", description = "Read a certificate from the card.")
final class CertCommand implements Callable<Integer> {
    /** Lower case because picocli matches the constants against what the user types. */
    enum Form { pem, der }

    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHICH", description = "auth, sign, auth-ca or sign-ca")
    String which;

    @Option(names = "--pin", paramLabel = "PIN", arity = "1",
            description = "Sign PIN (for 'sign' only); safer: MYNA_SIGN_PIN or the prompt.")
    char[] pin;

    @Option(names = "--form", defaultValue = "pem", paramLabel = "pem|der", description = "pem (default) or der")
    Form form;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        JpkiCertificate certificate;
        try {
            certificate = JpkiCertificate.fromCliName(which);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return myna.withCard(spec, card -> {
            if (certificate == JpkiCertificate.SIGN && !card.certificateAvailability().signature()) {
                // asked before the PIN, so that no try is spent on a certificate that is not there
                throw new CertificateAbsentException("this card holds no signature certificate (none is issued to a holder under 15)");
            }
            if (certificate.needsSignPin()) {
                char[] signPin = myna.pins().pinFor(JpkiKey.SIGN, pin);
                try {
                    card.verifyPin(JpkiKey.SIGN, signPin);
                } finally {
                    Arrays.fill(signPin, '\0');
                }
            }
            byte[] der = card.readCertificate(certificate);
            new Output(myna, spec, out).write(form == Form.der ? der : pem(der));
        });
    }

    static byte[] pem(byte[] der) {
        String base64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
