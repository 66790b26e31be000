package jp.mynacard.perso.cli;

import jp.mynacard.perso.cli.counter.ChangeAddressCommand;
import jp.mynacard.perso.cli.counter.FoundCommand;
import jp.mynacard.perso.cli.counter.InvalidateCommand;
import jp.mynacard.perso.cli.counter.ReportLostCommand;
import jp.mynacard.perso.cli.counter.SmartphoneCommand;
import jp.mynacard.perso.cli.counter.UnblockPinCommand;
import jp.mynacard.perso.cli.freearea.FreeAreaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/perso}: the personalization bureau's tool. It lives in simulator-tests because it is
 * the one module that sees the personalization library, the centre client and the cards (the
 * in-process virtual blanks and PC/SC readers) together. Each operation is its own subcommand
 * class, registered below one per line.
 */
@Command(name = "perso", mixinStandardHelpOptions = true,
        description = "Personalize My Number cards for the holders of a batch, and the counter's operations on issued cards.",
        subcommands = {
                IssueCommand.class,
                UnblockPinCommand.class,
                ChangeAddressCommand.class,
                ReportLostCommand.class,
                FoundCommand.class,
                InvalidateCommand.class,
                SmartphoneCommand.class,
                FreeAreaCommand.class,
                AuditVerifyCommand.class,
        })
public final class PersoMain {
    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new PersoMain());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("perso: " + e.getMessage());
            return IssueCommand.EXIT_ERROR;
        });
        System.exit(commandLine.execute(args));
    }
}
