package jp.mynacard.myna;

import java.util.Locale;
import java.util.function.Function;
import jp.mynacard.host.jpki.JpkiKey;

/**
 * Where a PIN comes from, in order: its option ({@code --pin}...), then its environment variable
 * ({@code MYNA_AUTH_PIN}, {@code MYNA_SIGN_PIN}, {@code MYNA_TEXT_PIN}...), then a no-echo prompt. The caller owns (and zeroes) the returned array.
 */
final class PinSource {
    private final Function<String, String> environment;
    private final PinPrompt prompt;

    PinSource(Function<String, String> environment, PinPrompt prompt) {
        this.environment = environment;
        this.prompt = prompt;
    }

    static String variable(JpkiKey key) {
        return "MYNA_" + key.cliName().toUpperCase(Locale.ROOT) + "_PIN";
    }

    char[] pinFor(JpkiKey key, char[] fromOption) {
        return pin(key.cliName() + " PIN", "--pin", variable(key), fromOption);
    }

    /** A PIN called {@code label} (for the prompt and messages), given with {@code option} or in {@code variable}. */
    char[] pin(String label, String option, String variable, char[] fromOption) {
        if (fromOption != null) {
            return fromOption.clone();
        }
        if (inEnvironment(variable)) {
            return environment.apply(variable).toCharArray();
        }
        char[] typed = prompt.read(label + ": ");
        if (typed == null) {
            throw new PinUnavailableException("the " + label + " is needed: give " + option + ", set "
                    + variable + ", or run in a terminal to be asked");
        }
        return typed;
    }

    boolean inEnvironment(String variable) {
        String value = environment.apply(variable);
        return value != null && !value.isEmpty();
    }
}
