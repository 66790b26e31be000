package jp.mynacard.myna;

import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.InputHelperPin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna text mynumber}: the holder's My Number, which the user asked to see. */
@Command(name = "mynumber", description = "Print the My Number (needs the PIN or PIN-A).")
final class TextMyNumberCommand implements Callable<Integer> {
    @ParentCommand
    TextCommand text;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Pins pins = new Pins();

    static final class Pins {
        @Option(names = "--pin", paramLabel = "PIN", arity = "1",
                description = "The 4-digit input-helper PIN; safer: MYNA_TEXT_PIN or the prompt.")
        char[] pin;

        @Option(names = "--pin-a", paramLabel = "MYNUMBER", arity = "0..1", fallbackValue = "",
                description = "Use PIN-A (the My Number itself); without a value: MYNA_PIN_A or the prompt.")
        char[] pinA;
    }

    @Override
    public Integer call() {
        InputHelperPins helper = new InputHelperPins(text.myna.pins());
        return text.myna.withInputHelper(spec, card -> {
            InputHelperPin which = helper.choose(pins.pin, pins.pinA, InputHelperPin.PIN_A);
            helper.verify(card, which, which == InputHelperPin.PIN ? pins.pin : pins.pinA);
            spec.commandLine().getOut().println(card.myNumber());
            return ExitCode.OK;
        });
    }
}
