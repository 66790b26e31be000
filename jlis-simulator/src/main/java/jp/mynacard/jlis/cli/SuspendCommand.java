package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "suspend", description = "Stop a certificate through the 24-hour lost-card line (certificateHold; never lifted).")
final class SuspendCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--serial", required = true, paramLabel = "HEX")
    String serial;

    @Option(names = "--type", paramLabel = "auth|sign")
    String type;

    @Override
    public Integer call() {
        System.out.println(CertificateStatusLine.of(centre.client().suspend(serial, type)));
        return 0;
    }
}
