package jp.mynacard.jlis.cli;

import jp.mynacard.jlis.client.CentreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jlis}: the simulated J-LIS centre. {@code serve} runs it; the other verbs talk to a
 * running centre. Exit codes: 0 done, 1 the centre refused (message says why), 2 usage,
 * 3 the centre is not reachable.
 */
@Command(name = "jlis", mixinStandardHelpOptions = true, version = "jlis 0.1.0",
        description = "The simulated J-LIS centre: JPKI CAs, revocation, CRLs and OCSP.",
        subcommands = {ServeCommand.class, IssueCommand.class, RevokeCommand.class, SuspendCommand.class,
            StatusCommand.class, CaCommand.class, PublishCrlsCommand.class})
public final class JlisMain {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_UNREACHABLE = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new JlisMain());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("jlis: " + e.getMessage());
            if (e instanceof CentreException centre) {
                return centre.status() == 0 ? EXIT_UNREACHABLE : EXIT_REFUSED;
            }
            return EXIT_REFUSED;
        });
        return commandLine;
    }
}
