package jp.mynacard.counter.cli;

import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.LostCardReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report-lost", mixinStandardHelpOptions = true,
        description = "A card is lost or stolen: suspend both its certificates at the centre. No card needed.")
final class ReportLostCommand extends CounterVerb {
    @Mixin
    CentreConnection centre;

    @Mixin
    CardCertificateSerials serials;

    @Override
    void run() {
        CardCertificates certificates = serials.certificates();
        new LostCardReport(centre.counter()).report(certificates);
        out().println("suspended authentication certificate " + CardCertificates.hex(certificates.authSerial())
                + " and signature certificate " + CardCertificates.hex(certificates.signSerial()));
    }
}
