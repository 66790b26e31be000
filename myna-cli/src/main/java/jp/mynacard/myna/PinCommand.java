package jp.mynacard.myna;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna pin ...}: PIN operations. */
@Command(name = "pin", description = "PIN operations.", subcommands = PinStatusCommand.class)
final class PinCommand implements Runnable {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
