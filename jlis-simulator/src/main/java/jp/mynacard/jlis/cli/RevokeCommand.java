package jp.mynacard.jlis.cli;

import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
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

    @Option(names = "--invalidity-date", paramLabel = "TIME",
            description = "when the key stopped being safe, e.g. 2026-11-20T09:00:00Z (goes into the CRL and OCSP)")
    String invalidityDate;

    @Override
    public Integer call() {
        System.out.println(CertificateStatusLine.of(centre.client().revoke(serial, reason, type, invalidityDate)));
        return 0;
    }
}
