package jp.mynacard.myna;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * picocli's usage errors quote the arguments they could not place, so {@code myna pin status
 * --pin 1234} would print the PIN: this handler masks every {@code --pin}, {@code --pin-a},
 * {@code --pin-b} and {@code --birth-key} value first.
 */
final class PinRedactingUsageHandler implements IParameterExceptionHandler {
    private static final String MASK = "****";
    private static final List<String> PIN_OPTIONS = List.of("--pin", "--pin-a", "--pin-b", "--birth-key");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(redact(String.valueOf(e.getMessage()), pinValues(args)));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cli.usage(err);
        }
        err.flush();
        return ExitCode.USAGE.code;
    }

    static List<String> pinValues(String[] args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            for (String option : PIN_OPTIONS) {
                if (args[i].equals(option) && i + 1 < args.length) {
                    values.add(args[i + 1]);
                } else if (args[i].startsWith(option + "=")) {
                    values.add(args[i].substring(option.length() + 1));
                }
            }
        }
        return values;
    }

    static String redact(String message, List<String> secrets) {
        String redacted = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, MASK);
            }
        }
        return redacted;
    }
}
