package jp.mynacard.perso.cardface;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.ApplicationPersonalizer;
import jp.mynacard.perso.CardOrder;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * Issues the card-input-helper AP (spec §4): the signed My Number and four-attribute EFs, the
 * signer certificate, the three PINs — the 4-digit one equal to the JPKI auth PIN at issuance
 * but counting on its own, PIN-A and PIN-B from the printed data — then LOCK.
 */
public final class InputHelperPersonalizer implements ApplicationPersonalizer {
    static final byte[] INPUT_HELPER_AID = CardApplication.INPUT_HELPER.aid();
    private static final String APPLICATION = "card-input-helper AP";
    static final int EF_MY_NUMBER = CardFile.INPUT_HELPER_MY_NUMBER.fid();
    static final int EF_ATTRIBUTES = CardFile.INPUT_HELPER_ATTRIBUTES.fid();
    static final int EF_SIGNATURE = CardFile.INPUT_HELPER_SIGNATURE.fid();
    static final int EF_SIGNER_CERTIFICATE = CardFile.INPUT_HELPER_SIGNER_CERT.fid();
    static final int EF_AP_BASIC_DATA = CardFile.INPUT_HELPER_AP_BASIC_DATA.fid();
    static final int EF_PIN = CardFile.INPUT_HELPER_PIN.fid();
    static final int EF_PIN_A = CardFile.INPUT_HELPER_PIN_A.fid();
    static final int EF_PIN_B = CardFile.INPUT_HELPER_PIN_B.fid();

    private final ApduChannel channel;
    private final IssuerMasterKey master;

    /** Over the secure channel, with the card key diversified from {@code master}. */
    public InputHelperPersonalizer(ApduChannel channel, IssuerMasterKey master) {
        this.channel = channel;
        this.master = master;
    }

    public InputHelperFiles personalize(Holder holder, JpkiPins pins, CardDataSigner signer) {
        InputHelperFiles files = InputHelperFiles.of(holder, signer);
        PersonalizationSession card = PersonalizationSession.forIssuance(channel, master, INPUT_HELPER_AID, APPLICATION);
        writeIn(card, holder, pins, files);
        card.lock();
        return files;
    }

    /** Everything but the LOCK, which {@link #lock()} does later: a whole card is locked AP after AP at the end. */
    public InputHelperFiles write(Holder holder, JpkiPins pins, CardDataSigner signer) {
        InputHelperFiles files = InputHelperFiles.of(holder, signer);
        writeIn(PersonalizationSession.forIssuance(channel, master, INPUT_HELPER_AID, APPLICATION), holder, pins, files);
        return files;
    }

    /** LOCK, in a session of its own. */
    @Override
    public String name() {
        return "input helper";
    }

    @Override
    public Optional<IssuedCertificates> write(CardOrder order) {
        write(order.holder(), order.pins(), order.cardDataSigner());
        return Optional.empty();
    }

    @Override
    public void lock() {
        PersonalizationSession.open(channel, master, INPUT_HELPER_AID, APPLICATION).lock();
    }

    /** LOCK unless already locked: finishing a card whose LOCKs a pull interrupted. True when LOCK was sent. */
    @Override
    public boolean lockUnlessLocked() {
        return PersonalizationSession.lockUnlessLocked(channel, master, INPUT_HELPER_AID, APPLICATION);
    }

    private static void writeIn(PersonalizationSession card, Holder holder, JpkiPins pins, InputHelperFiles files) {
        card.writeFile(EF_MY_NUMBER, files.myNumber());
        card.writeFile(EF_ATTRIBUTES, files.attributes());
        card.writeFile(EF_SIGNATURE, files.signature());
        card.writeFile(EF_SIGNER_CERTIFICATE, files.signerCertificate());
        card.writeFile(EF_AP_BASIC_DATA, files.apBasicData());
        char[] authPin = pins.authPin();
        byte[] pin = new String(authPin).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(authPin, '\0');
        card.setPin(EF_PIN, pin);
        card.setPin(EF_PIN_A, PrintedDataKeys.pinA(holder));
        card.setPin(EF_PIN_B, PrintedDataKeys.pinB(holder));
    }
}
