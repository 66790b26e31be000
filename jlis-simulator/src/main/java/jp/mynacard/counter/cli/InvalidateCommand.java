package jp.mynacard.counter.cli;

import jp.mynacard.jlis.cli.CentreOptions;
import jp.mynacard.jlis.client.CentreCounter;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.CardInvalidation;
import jp.mynacard.perso.counter.RevocationCause;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "invalidate", mixinStandardHelpOptions = true,
        description = "End a card for good: revoke both its certificates. No card needed.")
public final class InvalidateCommand extends CounterVerb {
    @Mixin
    CentreOptions centre;

    @Mixin
    CardCertificateSerials serials;

    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "CESSATION_OF_OPERATION",
            description = "KEY_COMPROMISE (lost for good, stolen) or CESSATION_OF_OPERATION (returned, holder died; default)")
    RevocationCause reason;

    @Override
    void run() {
        CardCertificates certificates = serials.certificates();
        new CardInvalidation(new CentreCounter(centre.client())).invalidate(certificates, reason);
        out().println("revoked authentication certificate " + CardCertificates.hex(certificates.authSerial())
                + " and signature certificate " + CardCertificates.hex(certificates.signSerial()) + " (" + reason.rfcName() + ")");
    }
}
