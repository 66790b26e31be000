package jp.mynacard.jlis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ca", description = "Fetch a CA certificate of the centre (auth, sign) or the card-data signer's.")
final class CaCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--type", required = true, paramLabel = "auth|sign|card-data")
    String type;

    @Option(names = "--out", paramLabel = "FILE", description = "file to write (default: standard output)")
    Path out;

    @Option(names = "--form", defaultValue = "pem", paramLabel = "pem|der")
    String form;

    @Override
    public Integer call() throws IOException {
        if (!form.equals("pem") && !form.equals("der")) {
            throw new IllegalArgumentException("--form is pem or der, not '" + form + "'");
        }
        byte[] certificate = centre.client().authorityCertificate(type, form.equals("der"));
        if (out == null) {
            System.out.write(certificate);
            System.out.flush();
        } else {
            Files.write(out, certificate);
        }
        return 0;
    }
}
