package jp.mynacard.perso.card;

import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.JpkiPersonalizer;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.perso.cardface.InputHelperPersonalizer;
import jp.mynacard.perso.cardface.SurfacePersonalizer;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A whole card: the JPKI, card-input-helper and card-surface APs are written first, every one,
 * and only then LOCKed, back to back. A card pulled while it is being written is unfinished in
 * every AP and is wiped and redone; only a pull within the few APDUs of the three LOCKs can
 * leave some APs locked and others not: such a card can never be wiped, but once its content was
 * read back it is finished by {@link #lockUnlocked()}.
 */
public final class CardPersonalizer {
    private final JpkiPersonalizer jpki;
    private final InputHelperPersonalizer inputHelper;
    private final SurfacePersonalizer surface;

    public CardPersonalizer(ApduChannel channel, IssuerMasterKey master) {
        this.jpki = new JpkiPersonalizer(channel, master);
        this.inputHelper = new InputHelperPersonalizer(channel, master);
        this.surface = new SurfacePersonalizer(channel, master);
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
        IssuedCertificates issued = jpki.write(holder, pins, issuer);
        inputHelper.write(holder, pins, cardDataSigner);
        surface.write(holder, cardDataSigner, cardSerial);
        return issued;
    }

    /** LOCKs the three APs back to back, once {@link #write} has written them all. */
    public void lock() {
        jpki.lock();
        inputHelper.lock();
        surface.lock();
    }

    /**
     * LOCKs the APs a pull left unlocked, after {@link #write} and its read-back: the content is the
     * holder's, only the LOCKs are missing. Returns the APs locked now, in order (empty: all were locked).
     */
    public List<String> lockUnlocked() {
        List<String> lockedNow = new ArrayList<>();
        if (jpki.lockUnlessLocked()) {
            lockedNow.add("JPKI");
        }
        if (inputHelper.lockUnlessLocked()) {
            lockedNow.add("input helper");
        }
        if (surface.lockUnlessLocked()) {
            lockedNow.add("card surface");
        }
        return lockedNow;
    }
}
