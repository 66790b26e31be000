package jp.mynacard.perso.cli.counter;

import java.io.Console;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where a secret (a new PIN, the master keystore's password) comes from: an environment
 * variable, else a no-echo prompt on the terminal. Never an option: command lines end up in
 * shell histories and process lists. The caller owns (and zeroes) the returned array.
 */
final class SecretInput {
    private final Function<String, String> environment;
    private final Console console;

    SecretInput(Function<String, String> environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    static SecretInput ofProcess() {
        return new SecretInput(System::getenv, System.console());
    }

    char[] read(String label, String variable) {
        String value = environment.apply(variable);
        if (value != null && !value.isEmpty()) {
            return value.toCharArray();
        }
        if (console == null) {
            throw new IllegalArgumentException("the " + label + " is needed: set " + variable + " or run in a terminal to be asked");
        }
        return console.readPassword("%s: ", label);
    }

    /** A new secret: typed twice at the prompt, so a typo does not lock the holder out. */
    char[] readNew(String label, String variable) {
        String value = environment.apply(variable);
        if (value != null && !value.isEmpty()) {
            return value.toCharArray();
        }
        char[] first = read(label, variable);
        char[] again = console.readPassword("%s again: ", label);
        try {
            if (again == null || !Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new IllegalArgumentException("the two entries of the " + label + " differ");
            }
            return first;
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }
}
