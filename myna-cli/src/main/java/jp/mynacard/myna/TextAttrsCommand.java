package jp.mynacard.myna;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.CardAttributes;
import jp.mynacard.host.cardface.InputHelperPin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna text attrs}: name, address, birth date and sex, as lines or one JSON object. */
@Command(name = "attrs", description = "Print the four attributes (needs the PIN or PIN-B).")
final class TextAttrsCommand implements Callable<Integer> {
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

        @Option(names = "--pin-b", paramLabel = "PIN-B", arity = "0..1", fallbackValue = "",
                description = "Use PIN-B (birth date YYMMDD in era years, expiry year, security code); "
                        + "without a value: MYNA_PIN_B or the prompt.")
        char[] pinB;
    }

    @Option(names = "--json", description = "One JSON object: name, address, birthDate (ISO 8601), sex.")
    boolean json;

    @Override
    public Integer call() {
        InputHelperPins helper = new InputHelperPins(text.myna.pins());
        return text.myna.withInputHelper(spec, card -> {
            InputHelperPin which = helper.choose(pins.pin, pins.pinB, InputHelperPin.PIN_B);
            helper.verify(card, which, which == InputHelperPin.PIN ? pins.pin : pins.pinB);
            CardAttributes attributes = card.attributes();
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? AttributesJson.of(attributes) : plain(attributes));
            return ExitCode.OK;
        });
    }

    static String plain(CardAttributes a) {
        return "name: " + a.name() + "\naddress: " + a.address() + "\nbirth date: " + a.birthDate()
                + "\nsex: " + a.sex().label();
    }
}
