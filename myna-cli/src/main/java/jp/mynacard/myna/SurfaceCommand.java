package jp.mynacard.myna;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.FrontFaceImage;
import jp.mynacard.host.cardface.SurfacePin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna surface}: the card-surface AP's front face composed into one PNG (photo, name,
 * address, birth date, sex, expiry, security code) for a counter or kiosk to show beside the
 * plastic. It does not check the face: {@code myna surface verify} does.
 */
@Command(name = "surface", description = "Write the card's front face as one PNG (card-surface AP; needs PIN-A or PIN-B).",
        subcommands = {SurfaceVerifyCommand.class})
final class SurfaceCommand implements Callable<Integer> {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    FrontFacePins pins = new FrontFacePins();

    /** --pin-a or --pin-b: either opens the front face. */
    static final class FrontFacePins {
        @Option(names = "--pin-a", paramLabel = "MYNUMBER", arity = "0..1", fallbackValue = "",
                description = "Use PIN-A (the 12-digit My Number); without a value: MYNA_PIN_A or the prompt.")
        char[] pinA;

        @Option(names = "--pin-b", paramLabel = "PIN-B", arity = "0..1", fallbackValue = "",
                description = "Use PIN-B (birth date YYMMDD in era years, expiry year, security code); "
                        + "without a value: MYNA_PIN_B or the prompt. The default.")
        char[] pinB;
    }

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the PNG here (default: standard output).")
    Path out;

    @Override
    public Integer call() {
        SurfacePins source = new SurfacePins(myna.pins());
        return myna.withSurface(spec, card -> {
            SurfacePin which = source.chooseForFrontFace(pins.pinA, pins.pinB);
            source.verify(card, which, which == SurfacePin.PIN_A ? pins.pinA : pins.pinB);
            byte[] png = FrontFaceImage.png(card.frontFace());
            new Output(myna, spec, out).write(png);
            if (out != null) {
                spec.commandLine().getOut().println("front face written to " + out + " (" + FrontFaceImage.WIDTH + "x"
                        + FrontFaceImage.HEIGHT + "); not checked: run 'myna surface verify'");
            }
            return ExitCode.OK;
        });
    }
}
