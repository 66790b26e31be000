package jp.mynacard.perso.counter;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.perso.cardface.CardFaceImages;
import jp.mynacard.perso.cardface.InputHelperFiles;
import jp.mynacard.perso.cardface.PrintedDataKeys;
import jp.mynacard.perso.cardface.SurfaceFiles;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * Rewrites the card-face data an address or name change alters, newly signed by the centre:
 * the input helper's attributes (0002) and signature (0003), the surface's front face (0002),
 * each AP then LOCKed again. The My Number, the back face and the age record do not change.
 */
final class CardFaceRewrite {
    private static final int INPUT_HELPER_ATTRIBUTES = 0x0002;
    private static final int INPUT_HELPER_SIGNATURE = 0x0003;
    private static final int SURFACE_FRONT_FACE = 0x0002;

    private final ApduChannel channel;
    private final IssuerMasterKey master;
    private final Holder holder;
    private final CardFaceImages images;
    private final RSAPublicKey cardAuthenticationKey;
    private final String cardSerial;

    private CardFaceRewrite(ApduChannel channel, IssuerMasterKey master, Holder holder, CardFaceImages images,
                            RSAPublicKey cardAuthenticationKey, String cardSerial) {
        this.channel = channel;
        this.master = master;
        this.holder = holder;
        this.images = images;
        this.cardAuthenticationKey = cardAuthenticationKey;
        this.cardSerial = cardSerial;
    }

    /**
     * Reads what the new front face keeps from the card (the card-authentication key, behind
     * PIN-B, which an address change leaves as it was) and draws the new images, so anything
     * wrong shows before a certificate is touched.
     */
    static CardFaceRewrite prepare(ApduChannel channel, IssuerMasterKey master, Holder holder) {
        CardFaceImages images = CardFaceImages.of(holder);
        SurfaceCard surface = SurfaceCard.over(channel);
        char[] pinB = new String(PrintedDataKeys.pinB(holder), StandardCharsets.US_ASCII).toCharArray();
        try {
            surface.verifyPin(SurfacePin.PIN_B, pinB);
        } finally {
            Arrays.fill(pinB, '\0');
        }
        RSAPublicKey key = surface.frontFace().cardAuthenticationKey();
        String serial = surface.apInfo().serial();
        return new CardFaceRewrite(channel, master, holder, images, key, serial);
    }

    void write(CardDataSigner signer) {
        InputHelperFiles inputHelper = InputHelperFiles.of(holder, signer);
        byte[] frontFace = SurfaceFiles.of(holder, images, cardAuthenticationKey, signer, cardSerial).frontFace();
        PersonalizationSession helper = PersonalizationSession.open(channel, master, CardApplication.INPUT_HELPER.aid(), CardApplication.INPUT_HELPER.displayName());
        helper.writeFile(INPUT_HELPER_ATTRIBUTES, inputHelper.attributes());
        helper.writeFile(INPUT_HELPER_SIGNATURE, inputHelper.signature());
        helper.lock();
        PersonalizationSession surface = PersonalizationSession.open(channel, master, CardApplication.SURFACE.aid(), CardApplication.SURFACE.displayName());
        surface.writeFile(SURFACE_FRONT_FACE, frontFace);
        surface.lock();
    }
}
