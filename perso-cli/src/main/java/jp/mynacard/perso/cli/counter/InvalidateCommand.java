package jp.mynacard.perso.cli.counter;

import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.perso.centre.CentreCounter;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
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

    /** No master key is used here: the keystore or token only for --operator-alias. */
    @Mixin
    IssuerKeyOptions keys = new IssuerKeyOptions();


    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "CESSATION_OF_OPERATION",
            description = "KEY_COMPROMISE (lost for good, stolen) or CESSATION_OF_OPERATION (returned, holder died; default)")
    RevocationCause reason;

    @Override
    IssuerKeyOptions keys() {
        return keys;
    }

    @Override
    void run(CounterAudit audit) {
        CardCertificates certificates = serials.certificates();
        audit.certificates(certificates);
        new CardInvalidation(new AuditedCentre(new CentreCounter(centre.client()), audit)).invalidate(certificates, reason);
        out().println("revoked authentication certificate " + CardCertificates.hex(certificates.authSerial())
                + " and signature certificate " + CardCertificates.hex(certificates.signSerial()) + " (" + reason.rfcName() + ")");
    }
}
