package jp.mynacard.perso.cli.counter;

import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.perso.centre.CentreCounter;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.LostCardReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report-lost", mixinStandardHelpOptions = true,
        description = "A card is lost or stolen: suspend both its certificates at the centre. No card needed.")
public final class ReportLostCommand extends CounterVerb {
    @Mixin
    CentreOptions centre;

    @Mixin
    CardCertificateSerials serials;

    /** No master key is used here: the keystore or token only for --operator-alias. */
    @Mixin
    IssuerKeyOptions keys = new IssuerKeyOptions();


    @Override
    IssuerKeyOptions keys() {
        return keys;
    }

    @Override
    void run(CounterAudit audit) {
        CardCertificates certificates = serials.certificates();
        audit.certificates(certificates);
        new LostCardReport(new AuditedCentre(new CentreCounter(centre.client()), audit)).report(certificates);
        out().println("suspended authentication certificate " + CardCertificates.hex(certificates.authSerial())
                + " and signature certificate " + CardCertificates.hex(certificates.signSerial()));
    }
}
