package jp.mynacard.perso.issuance;

import java.io.IOException;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.batch.BatchRow;
import jp.mynacard.perso.card.CardPersonalizer;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * Issues one holder's card from a blank, journaling each step: started, keys generated on the card
 * and requested, certified, card-face data signed by the centre, PINs; reads the card back through
 * its public interface, as a holder's reader would, and journals it verified; then LOCK, before it is
 * called issued. A failure after verified leaves the card to {@link LockCompletion}.
 */
public final class CardIssuance {
    private final IssuerMasterKey master;
    private final CertificateIssuer centre;
    private final CardDataSigner cardDataSigner;
    private final BatchRecords records;

    public CardIssuance(IssuerMasterKey master, CertificateIssuer centre, CardDataSigner cardDataSigner, BatchRecords records) {
        this.master = master;
        this.centre = centre;
        this.cardDataSigner = cardDataSigner;
        this.records = records;
    }

    /** Issues the row onto the card, or reports it failed with the reason; true when issued. */
    boolean issue(BatchRow row, BlankCard blank) throws IOException {
        records.started(row, blank.serial());
        if (blank.unfinished()) {
            records.unfinishedCard(row, blank.serial());
        }
        try {
            Card card = blank.terminal().connect("*");
            try {
                ApduChannel channel = ApduChannel.over(card.getBasicChannel());
                CardPersonalizer personalizer = new CardPersonalizer(channel, master);
                IssuedCertificates issued = personalizer.write(row.holder(), row.pins(),
                        new JournalingIssuer(centre, records, row), cardDataSigner, blank.serial());
                // checked before LOCK: a card pulled during the check comes back unfinished and is wiped,
                // where after LOCK it would be a locked card with its holder reported failed
                readBack(JpkiCard.over(channel), issued);
                // journaled before the first LOCK: a card pulled during the LOCKs is then finished, not destroyed
                records.verified(row);
                personalizer.lock();
                records.issued(row, blank.serial(), JournalingIssuer.serialHex(issued.authCertificate()),
                        JournalingIssuer.serialHex(issued.signCertificate()));
                return true;
            } finally {
                card.disconnect(true);
            }
        } catch (CardException | RuntimeException e) {
            records.failed(row, blank.serial(), reason(e));
            return false;
        } finally {
            row.pins().erase();
        }
    }

    /** What a holder's reader sees: the certificates the centre issued and every PIN try left. */
    private static void readBack(JpkiCard card, IssuedCertificates issued) {
        check(Arrays.equals(card.readCertificate(JpkiCertificate.AUTH), issued.authCertificate()), "the authentication certificate");
        check(Arrays.equals(card.readCertificate(JpkiCertificate.AUTH_CA), issued.authCaCertificate()), "the authentication CA certificate");
        check(Arrays.equals(card.readCertificate(JpkiCertificate.SIGN_CA), issued.signCaCertificate()), "the signature CA certificate");
        for (JpkiKey key : JpkiKey.values()) {
            check(card.pinTriesLeft(key) == key.maxTries(), "the " + key.cliName() + " PIN's tries");
        }
    }

    private static void check(boolean matches, String what) {
        if (!matches) {
            throw new IllegalStateException("read back from the card, " + what + " is not what was written");
        }
    }

    /** The exception's message, which our libraries keep free of secrets; its class when it has none. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
