package jp.mynacard.host.cardface;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.List;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardKeyTemplate;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The card-surface AP's age record, EF 0001 (spec §5): {@code FF 10} { {@code DF 11} birth date
 * YYYYMMDD, {@code DF 12} the card-authentication public key, {@code DF 13} the card-data
 * signer's SHA256withRSA signature over the DF 11 and DF 12 elements ({@code signedData}) }.
 */
public record AgeRecord(LocalDate birthDate, RSAPublicKey cardAuthenticationKey, byte[] signedData, byte[] signature) {
    static final int FID = CardFile.SURFACE_AGE_RECORD.fid();
    static final int TAG = 0xFF10;
    private static final String WHAT = "EF 0001 (age record)";

    static AgeRecord parse(byte[] ef) {
        List<BerTlv> parts = BerTlv.parseWhole(ef, TAG, WHAT).children(WHAT);
        if (parts.size() != 3) {
            throw new MalformedCardDataException(WHAT + ": " + parts.size() + " elements, expected 3");
        }
        BerTlv date = parts.get(0).requireTag(0xDF11, WHAT);
        BerTlv key = parts.get(1).requireTag(0xDF12, WHAT);
        byte[] signature = parts.get(2).requireTag(0xDF13, WHAT).value();
        return new AgeRecord(CardDates.yyyymmdd(date, WHAT, "birth date"), CardKeyTemplate.parse(key.value(), WHAT),
                BerTlv.concat(date.encoded(), key.encoded()), signature);
    }

    /** Whether DF 13 is {@code signer}'s signature over DF 11 and DF 12. */
    public boolean signatureValidFor(PublicKey signer) {
        return CardDataVerifier.signatureValid(signer, signedData, signature);
    }
}
