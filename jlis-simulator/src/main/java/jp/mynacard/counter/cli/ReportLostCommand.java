package jp.mynacard.counter.cli;

import jp.mynacard.jlis.cli.CentreOptions;
import jp.mynacard.jlis.client.CentreCounter;
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

    @Override
    void run() {
        CardCertificates certificates = serials.certificates();
        new LostCardReport(new CentreCounter(centre.client())).report(certificates);
        out().println("suspended authentication certificate " + CardCertificates.hex(certificates.authSerial())
                + " and signature certificate " + CardCertificates.hex(certificates.signSerial()));
    }
}
