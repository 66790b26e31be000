package jp.mynacard.myna;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.host.cardface.SurfaceVerification;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna surface verify}: is the front face as the centre signed it, and is the chip the one
 * the centre issued (card authentication)? With PIN-A the back face is checked too. Prints the
 * verdict, never the data, and always that the expiry date and security code are not covered;
 * exit 12 when not genuine.
 */
@Command(name = "verify", description = "Check the front face's signature and authenticate the chip "
        + "(needs PIN-A or PIN-B; PIN-A also checks the back face).")
final class SurfaceVerifyCommand implements Callable<Integer> {
    static final String GENUINE = "genuine (" + SurfaceVerification.NOT_COVERED + ")";

    @ParentCommand
    SurfaceCommand surface;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    SurfaceCommand.FrontFacePins pins = new SurfaceCommand.FrontFacePins();

    @Option(names = "--signer-cert", paramLabel = "FILE",
            description = "The card-data signer certificate (DER or PEM) the card's must be.")
    Path signerCert;

    @Override
    public Integer call() {
        Myna myna = surface.myna;
        SurfacePins source = new SurfacePins(myna.pins());
        return myna.withSurface(spec, card -> {
            X509Certificate trusted = signerCert == null ? null : TextVerifyCommand.read(signerCert);
            SurfacePin which = source.chooseForFrontFace(pins.pinA, pins.pinB);
            source.verify(card, which, which == SurfacePin.PIN_A ? pins.pinA : pins.pinB);
            SurfaceVerification result = card.verify(trusted);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.genuine() ? GENUINE : "NOT genuine: " + result.describe() + " (" + result.note() + ")");
            if (!result.backFaceChecked()) {
                out.println("back face not checked (it needs PIN-A)");
            }
            return result.genuine() ? ExitCode.OK : ExitCode.NOT_GENUINE;
        });
    }
}
