package jp.mynacard.myna;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna text ...}: the card-input-helper AP's My Number and four attributes. */
@Command(name = "text", description = "Read the My Number and the four attributes as text (card-input-helper AP).",
        subcommands = {TextMyNumberCommand.class, TextAttrsCommand.class, TextVerifyCommand.class})
final class TextCommand implements Runnable {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
