package jp.mynacard.jlis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ca", subcommands = CaRolloverCommand.class,
        description = {"Fetch a CA certificate of the centre (auth, sign: the current generation) or the card-data signer's.",
            "--generation N fetches one generation's; --all every generation's and every link certificate (PEM)."})
final class CaCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    // not required by picocli: 'jlis ca rollover --type sign' gives its own --type
    @Option(names = "--type", paramLabel = "auth|sign|card-data")
    String type;

    @Option(names = "--generation", paramLabel = "N", description = "that generation of the auth or sign CA (1, 2, …)")
    Integer generation;

    @Option(names = "--all", description = "every generation's certificate and every link certificate, a PEM bundle")
    boolean all;

    @Option(names = "--out", paramLabel = "FILE", description = "file to write (default: standard output)")
    Path out;

    @Option(names = "--form", defaultValue = "pem", paramLabel = "pem|der")
    String form;

    @Override
    public Integer call() throws IOException {
        if (type == null) {
            throw new IllegalArgumentException("say which CA: --type auth, sign or card-data");
        }
        if (!form.equals("pem") && !form.equals("der")) {
            throw new IllegalArgumentException("--form is pem or der, not '" + form + "'");
        }
        if ((generation != null || all) && !type.equals("auth") && !type.equals("sign")) {
            throw new IllegalArgumentException("--generation and --all are for the auth and sign CAs, not '" + type + "'");
        }
        if (generation != null && all) {
            throw new IllegalArgumentException("--generation N or --all, not both");
        }
        if (all && form.equals("der")) {
            throw new IllegalArgumentException("--all is a PEM bundle: leave out --form der");
        }
        byte[] certificate = all ? centre.client().everyAuthorityCertificate(type)
                : generation != null ? centre.client().authorityCertificate(type, generation, form.equals("der"))
                : centre.client().authorityCertificate(type, form.equals("der"));
        if (out == null) {
            System.out.write(certificate);
            System.out.flush();
        } else {
            Files.write(out, certificate);
        }
        return 0;
    }
}
