package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "revoke", description = "Revoke a certificate: keyCompromise, affiliationChanged, superseded or cessationOfOperation.")
final class RevokeCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--serial", required = true, paramLabel = "HEX")
    String serial;

    @Option(names = "--reason", required = true, paramLabel = "NAME")
    String reason;

    @Option(names = "--type", paramLabel = "auth|sign", description = "which CA issued it (found from the serial when left out)")
    String type;

    @Override
    public Integer call() {
        System.out.println(CertificateStatusLine.of(centre.client().revoke(serial, reason, type)));
        return 0;
    }
}
