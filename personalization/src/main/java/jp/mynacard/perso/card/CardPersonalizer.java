package jp.mynacard.perso.card;

import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.ApplicationPersonalizer;
import jp.mynacard.perso.CardOrder;
import jp.mynacard.perso.JpkiPersonalizer;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.cardface.InputHelperPersonalizer;
import jp.mynacard.perso.cardface.SurfacePersonalizer;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A whole card: its applications (JPKI, card-input-helper and card-surface APs) are written first,
 * every one, and only then LOCKed, back to back. A card pulled while it is being written is unfinished in
 * every AP and is wiped and redone; only a pull within the few APDUs of the three LOCKs can
 * leave some APs locked and others not: such a card can never be wiped, but once its content was
 * read back it is finished by {@link #lockUnlocked()}.
 */
public final class CardPersonalizer {
    /** The applications, in the order they are written and locked. */
    private final List<ApplicationPersonalizer> applications;

    public CardPersonalizer(ApduChannel channel, IssuerMasterKey master) {
        this(List.of(new JpkiPersonalizer(channel, master), new InputHelperPersonalizer(channel, master),
                new SurfacePersonalizer(channel, master)));
    }

    CardPersonalizer(List<ApplicationPersonalizer> applications) {
        this.applications = List.copyOf(applications);
    }

    /** Personalizes and locks every AP; returns the certificates the centre issued. */
    public IssuedCertificates issue(Holder holder, JpkiPins pins, CertificateIssuer issuer, CardDataSigner cardDataSigner,
                                    String cardSerial) {
        IssuedCertificates issued = write(holder, pins, issuer, cardDataSigner, cardSerial);
        lock();
        return issued;
    }

    /**
     * Writes every AP, locking none: a caller that checks the card before it is locked (a read-back)
     * calls this, then {@link #lock()}, so that a card pulled during the check is unfinished and wiped,
     * never a locked card whose holder was reported failed.
     */
    public IssuedCertificates write(Holder holder, JpkiPins pins, CertificateIssuer issuer, CardDataSigner cardDataSigner,
                                    String cardSerial) {
        CardOrder order = new CardOrder(holder, pins, issuer, cardDataSigner, cardSerial);
        IssuedCertificates issued = null;
        for (ApplicationPersonalizer application : applications) {
            issued = application.write(order).orElse(issued);
        }
        if (issued == null) {
            throw new IllegalStateException("no application of the card had certificates issued");
        }
        return issued;
    }

    /** LOCKs the APs back to back, once {@link #write} has written them all. */
    public void lock() {
        for (ApplicationPersonalizer application : applications) {
            application.lock();
        }
    }

    /**
     * LOCKs the APs a pull left unlocked, after {@link #write} and its read-back: the content is the
     * holder's, only the LOCKs are missing. Returns the APs locked now, in order (empty: all were locked).
     */
    public List<String> lockUnlocked() {
        List<String> lockedNow = new ArrayList<>();
        for (ApplicationPersonalizer application : applications) {
            if (application.lockUnlessLocked()) {
                lockedNow.add(application.name());
            }
        }
        return lockedNow;
    }
}
