package jp.mynacard.myna;

import java.io.Console;

/** Asks the user for a PIN without echo; null when there is nobody to ask. */
@FunctionalInterface
public interface PinPrompt {
    char[] read(String prompt);

    /** The process's terminal, if it has one. */
    static PinPrompt console() {
        return prompt -> {
            Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        };
    }
}
