package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.jlis.client.NewCaGeneration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rollover", description = {"Roll a CA over to a new key: a new generation under the same name, current from",
    "now on, and the two link certificates to the previous one; the centre publishes fresh CRLs at once.",
    "Prints the generation, then its certificate and the links (PEM)."})
final class CaRolloverCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--type", required = true, paramLabel = "auth|sign")
    String type;

    @Override
    public Integer call() {
        if (!type.equals("auth") && !type.equals("sign")) {
            throw new IllegalArgumentException("only the auth and sign CAs roll over, not '" + type + "'");
        }
        NewCaGeneration rolled = centre.client().rollover(type);
        System.out.println(rolled.type() + " CA generation " + rolled.generation() + " is current");
        System.out.print(rolled.certificatePem());
        rolled.linkPems().forEach(System.out::print);
        return 0;
    }
}
