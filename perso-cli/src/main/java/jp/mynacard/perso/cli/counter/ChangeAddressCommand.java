package jp.mynacard.perso.cli.counter;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.HolderFile;
import jp.mynacard.perso.centre.CentreCounter;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.counter.AddressChange;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.CertificateKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "change-address", mixinStandardHelpOptions = true,
        description = "Revoke the old signature certificate (affiliationChanged), put a new signature key and certificate "
                + "on the card, rewrite and re-sign the card-face data for the new address.")
public final class ChangeAddressCommand extends CounterVerb {
    @Mixin
    CardConnection card;

    @Mixin
    CentreOptions centre;

    @Option(names = "--holder", required = true, paramLabel = "FILE", description = "the holder as now registered (bin/vcard --holder format)")
    Path holderFile;

    @Option(names = "--sign-serial", required = true, paramLabel = "HEX", description = "serial of the card's current signature certificate")
    String signSerial;

    @Override
    IssuerKeyOptions keys() {
        return card.keys;
    }

    @Override
    void run(CounterAudit audit) {
        BigInteger old = CardCertificates.parseSerial("signature", signSerial);
        audit.certificate(CertificateKind.SIGN, old);
        Holder moved = HolderFiles.read(holderFile);
        IssuerMasterKey master = card.master(secrets);
        try (ApduChannel channel = card.open()) {
            audit.card(CardSerial.read(channel));
            byte[] certificate = new AddressChange(channel, master, new AuditedCentre(new CentreCounter(centre.client()), audit))
                    .change(moved, old);
            out().println("revoked signature certificate " + CardCertificates.hex(old) + " (affiliationChanged); new one "
                    + CardCertificates.hex(IssuedCertificate.serial(certificate)) + " installed; card-face data rewritten");
        }
    }

    /** Reading the holder file, its failures as the clerk's input errors. */
    static final class HolderFiles {
        private HolderFiles() {
        }

        static Holder read(Path file) {
            try {
                return HolderFile.read(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the holder file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
