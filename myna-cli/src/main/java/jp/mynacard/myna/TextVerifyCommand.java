package jp.mynacard.myna;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.InputHelperVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna text verify}: are the My Number and the four attributes as the centre signed
 * them? Prints the verdict, never the data; exit 12 when not genuine.
 */
@Command(name = "verify", description = "Check the My Number and the four attributes against the centre's signature "
        + "(needs the PIN, or both PIN-A and PIN-B).")
final class TextVerifyCommand implements Callable<Integer> {
    static final String GENUINE = "genuine: the My Number and the four attributes are as the centre signed them";

    @ParentCommand
    TextCommand text;

    @Spec
    CommandSpec spec;

    @Option(names = "--pin", paramLabel = "PIN", arity = "1",
            description = "The 4-digit input-helper PIN; safer: MYNA_TEXT_PIN or the prompt.")
    char[] pin;

    @Option(names = "--pin-a", paramLabel = "MYNUMBER", arity = "0..1", fallbackValue = "",
            description = "With --pin-b, instead of the PIN; without a value: MYNA_PIN_A or the prompt.")
    char[] pinA;

    @Option(names = "--pin-b", paramLabel = "PIN-B", arity = "0..1", fallbackValue = "",
            description = "With --pin-a, instead of the PIN; without a value: MYNA_PIN_B or the prompt.")
    char[] pinB;

    @Option(names = "--signer-cert", paramLabel = "FILE",
            description = "The card-data signer certificate (DER or PEM) the card's must be.")
    Path signerCert;

    @Override
    public Integer call() {
        if (pin != null && (pinA != null || pinB != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --pin, or --pin-a and --pin-b, not both");
        }
        InputHelperPins helper = new InputHelperPins(text.myna.pins());
        return text.myna.withInputHelper(spec, card -> {
            X509Certificate trusted = signerCert == null ? null : read(signerCert);
            if (helper.pinAAndPinB(pin, pinA, pinB)) {
                helper.verify(card, InputHelperPin.PIN_A, pinA);
                helper.verify(card, InputHelperPin.PIN_B, pinB);
            } else {
                helper.verify(card, InputHelperPin.PIN, pin);
            }
            InputHelperVerification result = card.verify(trusted);
            spec.commandLine().getOut().println(result.genuine() ? GENUINE : "NOT genuine: " + result.describe());
            return result.genuine() ? ExitCode.OK : ExitCode.NOT_GENUINE;
        });
    }

    /** A certificate file, DER or PEM; for every command with {@code --signer-cert}. */
    static X509Certificate read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException("cannot read " + file + ": not an X.509 certificate", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
    }
}
