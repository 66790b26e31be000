package jp.mynacard.perso.smartphone;

import java.util.Arrays;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.smartphone.CardVoucher;

/** The holder's card in a reader vouching for a phone: the signature PIN verified once, then its key signs the request. */
public final class JpkiCardVoucher implements CardVoucher {
    private final JpkiCard card;
    private final byte[] signatureCertificate;

    private JpkiCardVoucher(JpkiCard card, byte[] signatureCertificate) {
        this.card = card;
        this.signatureCertificate = signatureCertificate;
    }

    /** Verifies the signature PIN (which this method wipes) and reads the signature certificate it opens. */
    public static JpkiCardVoucher open(JpkiCard card, char[] signPin) {
        try {
            card.verifyPin(JpkiKey.SIGN, signPin);
        } finally {
            Arrays.fill(signPin, '\0');
        }
        return new JpkiCardVoucher(card, card.readCertificate(JpkiCertificate.SIGN));
    }

    @Override
    public byte[] signatureCertificate() {
        return signatureCertificate.clone();
    }

    @Override
    public byte[] sign(byte[] data) {
        return card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, data);
    }
}
