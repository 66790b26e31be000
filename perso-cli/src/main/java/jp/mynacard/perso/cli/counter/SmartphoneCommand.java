package jp.mynacard.perso.cli.counter;

import java.util.Arrays;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.jlis.client.CentreSmartphoneCertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.perso.JpkiPersonalizer;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.counter.CertificateKind;
import jp.mynacard.perso.smartphone.JpkiCardVoucher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perso smartphone}: a phone's JPKI token (スマホ用電子証明書, spec §3, C15). The phone's
 * secure element generates its key pairs over the issuer's secure channel; the holder's card, its
 * signature PIN entered, signs the request naming them; the centre issues to the holder the
 * card's signature certificate names; the certificates and the phone's own PINs go in, then LOCK.
 */
@Command(name = "smartphone", mixinStandardHelpOptions = true,
        description = "Issue a phone's JPKI token against the holder's card: the card's signature key vouches for the keys "
                + "the phone's secure element generates, and the centre issues to the card's holder.")
public final class SmartphoneCommand extends CounterVerb {
    static final String CARD_SIGN_PIN_VARIABLE = "MYNACARD_CARD_SIGN_PIN";
    static final String PHONE_AUTH_PIN_VARIABLE = "MYNACARD_PHONE_AUTH_PIN";
    static final String PHONE_SIGN_PIN_VARIABLE = "MYNACARD_PHONE_SIGN_PIN";

    @Option(names = "--platform", required = true, paramLabel = "android|iphone", description = "the phone's platform")
    String platform;

    /** The phone's secure element: {@code --reader} and the issuer key that opens its channel. */
    @Mixin
    CardConnection phone;

    @Mixin
    HolderCardConnection card;

    @Mixin
    CentreOptions centre;

    @Override
    IssuerKeyOptions keys() {
        return phone.keys;
    }

    @Override
    void run(CounterAudit audit) {
        SmartphonePlatform which = SmartphonePlatform.ofWord(platform);
        JpkiPins phonePins = phonePins();
        char[] cardSignPin = secrets.read("card's signature PIN", CARD_SIGN_PIN_VARIABLE);
        try {
            IssuerMasterKey master = phone.master(secrets);
            try (ApduChannel cardChannel = card.open(); ApduChannel phoneChannel = phone.open()) {
                JpkiCardVoucher voucher = JpkiCardVoucher.open(JpkiCard.over(cardChannel), cardSignPin);
                IssuedCertificates issued = new JpkiPersonalizer(phoneChannel, master).personalize(null, phonePins,
                        new CentreSmartphoneCertificateIssuer(centre.client(), which, voucher));
                audit.issued(CertificateKind.AUTH, IssuedCertificate.serial(issued.authCertificate()));
                audit.issued(CertificateKind.SIGN, IssuedCertificate.serial(issued.signCertificate()));
                out().println("issued the " + which.word() + " phone's JPKI token: authentication certificate "
                        + IssuedCertificate.serial(issued.authCertificate()).toString(16).toUpperCase(java.util.Locale.ROOT)
                        + ", signature certificate "
                        + IssuedCertificate.serial(issued.signCertificate()).toString(16).toUpperCase(java.util.Locale.ROOT)
                        + ", vouched for by the card's signature certificate "
                        + IssuedCertificate.serial(voucher.signatureCertificate()).toString(16).toUpperCase(java.util.Locale.ROOT));
            }
        } finally {
            Arrays.fill(cardSignPin, '\0');
            phonePins.erase();
        }
    }

    /** The phone's own PINs, chosen by the holder, checked before any card is touched. */
    private JpkiPins phonePins() {
        char[] authPin = secrets.readNew("phone's authentication PIN", PHONE_AUTH_PIN_VARIABLE);
        char[] signPin = secrets.readNew("phone's signature PIN", PHONE_SIGN_PIN_VARIABLE);
        try {
            return new JpkiPins(authPin, signPin);
        } finally {
            Arrays.fill(authPin, '\0');
            Arrays.fill(signPin, '\0');
        }
    }
}
