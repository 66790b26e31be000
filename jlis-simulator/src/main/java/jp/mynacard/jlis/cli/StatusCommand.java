package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show what the centre holds for a certificate.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--serial", required = true, paramLabel = "HEX")
    String serial;

    @Option(names = "--type", paramLabel = "auth|sign")
    String type;

    @Override
    public Integer call() {
        System.out.println(CertificateStatusLine.of(centre.client().status(serial, type)));
        return 0;
    }
}
