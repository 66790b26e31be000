package jp.mynacard.counter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mynacard.host.card.MynaCardException;
import jp.mynacard.jlis.client.CentreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every counter verb shares: its output streams, and turning the failures a clerk can act on
 * (bad input, the centre's refusal, the card's) into one line and exit code 1, never a stack trace.
 */
abstract class CounterVerb implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    SecretInput secrets = SecretInput.ofProcess();

    abstract void run();

    @Override
    public final Integer call() {
        try {
            run();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | CentreException | MynaCardException e) {
            err().println(spec.name() + ": " + e.getMessage());
            return FAILED;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
