package jp.mynacard.host.cardface;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardKeyTemplate;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The card-surface AP's back face, EF 0005 (spec §5): {@code FF 40} { {@code DF 41} the My Number
 * as a PNG, {@code DF 42} the card-authentication public key, {@code DF 43} SHA256withRSA over the
 * DF 41 and DF 42 elements }.
 */
record BackFace(byte[] myNumberImage, RSAPublicKey cardAuthenticationKey, byte[] signedData, byte[] signature) {
    static final int FID = CardFile.SURFACE_BACK_FACE.fid();
    static final int TAG = 0xFF40;
    private static final String WHAT = "EF 0005 (back face)";

    static BackFace parse(byte[] ef) {
        List<BerTlv> parts = BerTlv.parseWhole(ef, TAG, WHAT).children(WHAT);
        if (parts.size() != 3) {
            throw new MalformedCardDataException(WHAT + ": " + parts.size() + " elements, expected 3");
        }
        BerTlv image = parts.get(0).requireTag(0xDF41, WHAT);
        BerTlv key = parts.get(1).requireTag(0xDF42, WHAT);
        byte[] signature = parts.get(2).requireTag(0xDF43, WHAT).value();
        if (image.valueLength() == 0) {
            throw new MalformedCardDataException(WHAT + ": the My Number image is empty");
        }
        return new BackFace(image.value(), CardKeyTemplate.parse(key.value(), WHAT), BerTlv.concat(image.encoded(), key.encoded()), signature);
    }

    boolean signatureValidFor(PublicKey signer) {
        return CardDataVerifier.signatureValid(signer, signedData, signature);
    }
}
