package jp.mynacard.myna;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna pin status}: tries left on each PIN, without spending any. */
@Command(name = "status", description = "Show how many tries each PIN has left.")
final class PinStatusCommand implements Callable<Integer> {
    @ParentCommand
    PinCommand pin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return pin.myna.withCard(spec, card -> {
            PrintWriter out = spec.commandLine().getOut();
            for (JpkiKey key : JpkiKey.values()) {
                out.println(key.cliName() + " PIN: " + describe(triesLeft(card, key)));
            }
        });
    }

    private static int triesLeft(JpkiCard card, JpkiKey key) {
        try {
            return card.pinTriesLeft(key);
        } catch (PinBlockedException e) {
            return 0; // some cards answer 6983 or 6984 rather than 63C0 once blocked
        }
    }

    private static String describe(int triesLeft) {
        return triesLeft == 0 ? "blocked" : triesLeft + (triesLeft == 1 ? " try left" : " tries left");
    }
}
