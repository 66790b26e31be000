package jp.mynacard.perso.cli.counter;

import java.nio.file.Path;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.perso.centre.CentreCounter;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.FoundCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "found", mixinStandardHelpOptions = true,
        description = "A card reported lost turned up: revoke both certificates (keyCompromise), generate new authentication "
                + "and signature keys on the card and install their new certificates.")
public final class FoundCommand extends CounterVerb {
    @Mixin
    CardConnection card;

    @Mixin
    CentreOptions centre;

    @Mixin
    CardCertificateSerials serials;

    @Option(names = "--holder", required = true, paramLabel = "FILE", description = "the holder as registered (bin/vcard --holder format)")
    Path holderFile;

    @Override
    IssuerKeyOptions keys() {
        return card.keys;
    }

    @Override
    void run(CounterAudit audit) {
        CardCertificates certificates = serials.certificates();
        audit.certificates(certificates);
        IssuerMasterKey master = card.master(secrets);
        try (ApduChannel channel = card.open()) {
            audit.card(CardSerial.read(channel));
            FoundCard.Outcome outcome = new FoundCard(channel, master, new AuditedCentre(new CentreCounter(centre.client()), audit))
                    .recover(ChangeAddressCommand.HolderFiles.read(holderFile), certificates);
            out().println("revoked authentication certificate " + CardCertificates.hex(certificates.authSerial())
                    + " and signature certificate " + CardCertificates.hex(certificates.signSerial())
                    + " (keyCompromise); new keys generated on the card, new authentication certificate "
                    + CardCertificates.hex(IssuedCertificate.serial(outcome.authCertificate())) + " and signature certificate "
                    + CardCertificates.hex(IssuedCertificate.serial(outcome.signCertificate())) + " installed");
        }
    }
}
