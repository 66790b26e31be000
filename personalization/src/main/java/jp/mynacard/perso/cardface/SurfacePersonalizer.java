package jp.mynacard.perso.cardface;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.ApplicationPersonalizer;
import jp.mynacard.perso.CardOrder;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * Issues the card-surface AP (spec §5): the card generates its card-authentication key in EF
 * 0017 first, since the signed front face carries its public key; then the age record, front
 * face, AP information, signer certificate and back face; the birth-date key, PIN-B and PIN-A
 * from the printed data; LOCK. The files are built (and refused if too large) before any is written.
 */
public final class SurfacePersonalizer implements ApplicationPersonalizer {
    static final byte[] SURFACE_AID = CardApplication.SURFACE.aid();
    private static final String APPLICATION = "card-surface AP";
    static final int EF_AGE_RECORD = CardFile.SURFACE_AGE_RECORD.fid();
    static final int EF_FRONT_FACE = CardFile.SURFACE_FRONT_FACE.fid();
    static final int EF_AP_INFO = CardFile.SURFACE_AP_INFO.fid();
    static final int EF_SIGNER_CERTIFICATE = CardFile.SURFACE_SIGNER_CERT.fid();
    static final int EF_BACK_FACE = CardFile.SURFACE_BACK_FACE.fid();
    static final int EF_BIRTH_DATE_KEY = CardFile.SURFACE_BIRTH_DATE_KEY.fid();
    static final int EF_PIN_B = CardFile.SURFACE_PIN_B.fid();
    static final int EF_PIN_A = CardFile.SURFACE_PIN_A.fid();
    static final int EF_CARD_AUTHENTICATION_KEY = CardFile.SURFACE_CARD_AUTH_KEY.fid();

    private final ApduChannel channel;
    private final IssuerMasterKey master;

    /** Over the secure channel, with the card key diversified from {@code master}. */
    public SurfacePersonalizer(ApduChannel channel, IssuerMasterKey master) {
        this.channel = channel;
        this.master = master;
    }

    public SurfaceFiles personalize(Holder holder, CardDataSigner signer, String cardSerial) {
        CardFaceImages images = CardFaceImages.of(holder); // a missing font fails before the card is touched
        PersonalizationSession card = PersonalizationSession.forIssuance(channel, master, SURFACE_AID, APPLICATION);
        SurfaceFiles files = writeIn(card, holder, images, signer, cardSerial);
        card.lock();
        return files;
    }

    /** Everything but the LOCK, which {@link #lock()} does later: a whole card is locked AP after AP at the end. */
    public SurfaceFiles write(Holder holder, CardDataSigner signer, String cardSerial) {
        CardFaceImages images = CardFaceImages.of(holder);
        return writeIn(PersonalizationSession.forIssuance(channel, master, SURFACE_AID, APPLICATION), holder, images, signer, cardSerial);
    }

    /** LOCK, in a session of its own. */
    @Override
    public String name() {
        return "card surface";
    }

    @Override
    public Optional<IssuedCertificates> write(CardOrder order) {
        write(order.holder(), order.cardDataSigner(), order.cardSerial());
        return Optional.empty();
    }

    @Override
    public void lock() {
        PersonalizationSession.open(channel, master, SURFACE_AID, APPLICATION).lock();
    }

    /** LOCK unless already locked: finishing a card whose LOCKs a pull interrupted. True when LOCK was sent. */
    @Override
    public boolean lockUnlessLocked() {
        return PersonalizationSession.lockUnlessLocked(channel, master, SURFACE_AID, APPLICATION);
    }

    private static SurfaceFiles writeIn(PersonalizationSession card, Holder holder, CardFaceImages images, CardDataSigner signer,
                                        String cardSerial) {
        RSAPublicKey cardKey = card.generateKeyPair(EF_CARD_AUTHENTICATION_KEY);
        SurfaceFiles files = SurfaceFiles.of(holder, images, cardKey, signer, cardSerial);
        card.writeFile(EF_AGE_RECORD, files.ageRecord());
        card.writeFile(EF_FRONT_FACE, files.frontFace());
        card.writeFile(EF_AP_INFO, files.apInfo());
        card.writeFile(EF_SIGNER_CERTIFICATE, files.signerCertificate());
        card.writeFile(EF_BACK_FACE, files.backFace());
        card.setPin(EF_BIRTH_DATE_KEY, PrintedDataKeys.birthDateKey(holder));
        card.setPin(EF_PIN_B, PrintedDataKeys.pinB(holder));
        card.setPin(EF_PIN_A, PrintedDataKeys.pinA(holder));
        return files;
    }
}
