package jp.mynacard.myna;

import java.util.Locale;
import java.util.function.Function;
import jp.mynacard.host.jpki.JpkiKey;

/**
 * Where a PIN comes from, in order: {@code --pin}, then {@code MYNA_AUTH_PIN}/{@code MYNA_SIGN_PIN},
 * then a no-echo prompt. The caller owns (and zeroes) the returned array.
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
        if (fromOption != null) {
            return fromOption.clone();
        }
        String fromEnvironment = environment.apply(variable(key));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        char[] typed = prompt.read(key.cliName() + " PIN: ");
        if (typed == null) {
            throw new PinUnavailableException("the " + key.cliName() + " PIN is needed: give --pin, set "
                    + variable(key) + ", or run in a terminal to be asked");
        }
        return typed;
    }
}
