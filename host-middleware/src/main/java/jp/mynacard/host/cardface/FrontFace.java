package jp.mynacard.host.cardface;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.util.List;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardKeyTemplate;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.Sex;

/**
 * The card-surface AP's front face, EF 0002 (spec §5): {@code FF 20} { {@code DF 21} offset
 * table, {@code DF 22} birth date, {@code DF 23} sex, {@code DF 24} the chip's card-authentication
 * key, {@code DF 25} name PNG, {@code DF 26} address PNG, {@code DF 27} JPEG 2000 photo,
 * {@code DF 28} signature, {@code DF 29} expiry, {@code DF 2A} security-code PNG }.
 *
 * <p>{@code identityTlvs} (DF 22..DF 24), {@code imageTlvs} (DF 25..DF 26) and {@code photoTlv}
 * (DF 27) are the elements as stored, which the DF 28 {@code signature} covers; the expiry and
 * the security code are not covered. Arrays are the record's own: do not modify them.
 */
public record FrontFace(LocalDate birthDate, Sex sex, RSAPublicKey cardAuthenticationKey,
        byte[] nameImage, byte[] addressImage, byte[] photo, byte[] securityCodeImage, LocalDate expiry,
        byte[] identityTlvs, byte[] imageTlvs, byte[] photoTlv, byte[] signature) {
    static final int FID = CardFile.SURFACE_FRONT_FACE.fid();
    static final int TAG = 0xFF20;
    private static final int TAG_OFFSETS = 0xDF21;
    private static final int FIRST_FIELD = 0xDF22;
    private static final int FIELDS = 9; // DF 22..DF 2A
    private static final String WHAT = "EF 0002 (front face)";

    /** Checks the structure and the offset table, and decodes the fields (the images stay bytes). */
    static FrontFace parse(byte[] ef) {
        BerTlv outer = BerTlv.parseWhole(ef, TAG, WHAT);
        List<BerTlv> children = outer.children(WHAT);
        if (children.size() != 1 + FIELDS) {
            throw new MalformedCardDataException(WHAT + ": " + children.size() + " elements, expected " + (1 + FIELDS));
        }
        byte[] offsets = children.get(0).requireTag(TAG_OFFSETS, WHAT).requireLength(2 * FIELDS, WHAT).value();
        List<BerTlv> f = children.subList(1, children.size());
        for (int i = 0; i < FIELDS; i++) {
            int tag = FIRST_FIELD + i;
            BerTlv field = f.get(i).requireTag(tag, WHAT);
            int listed = ((offsets[2 * i] & 0xFF) << 8) | (offsets[2 * i + 1] & 0xFF);
            if (listed != field.offsetIn(outer)) {
                throw new MalformedCardDataException(WHAT + ": the offset table puts " + BerTlv.hexTag(tag)
                        + " at " + listed + ", it is at " + field.offsetIn(outer));
            }
        }
        return new FrontFace(
                CardDates.yyyymmdd(f.get(0), WHAT, "birth date"),
                Sex.fromIso5218(f.get(1).requireLength(1, WHAT).value()[0]),
                CardKeyTemplate.parse(f.get(2).value(), WHAT),
                image(f.get(3), "name image"),
                image(f.get(4), "address image"),
                image(f.get(5), "photo"),
                image(f.get(8), "security code image"),
                CardDates.yyyymmdd(f.get(7), WHAT, "expiry date"),
                encoded(f.subList(0, 3)),
                encoded(f.subList(3, 5)),
                f.get(5).encoded(),
                f.get(6).value());
    }

    /**
     * The 96 bytes DF 28's DigestInfo holds: SHA-256 of the DF 22..DF 24 elements, of DF 25..DF 26,
     * and of DF 27.
     */
    public byte[] signedDigests() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CardDataVerifier.sha256(identityTlvs));
        out.writeBytes(CardDataVerifier.sha256(imageTlvs));
        out.writeBytes(CardDataVerifier.sha256(photoTlv));
        return out.toByteArray();
    }

    /**
     * Whether DF 28 is {@code signer}'s RSASSA-PKCS1-v1_5 signature over this face: the signature
     * opened with the public key must be exactly the DER DigestInfo (sha256) of
     * {@link #signedDigests()}. Says nothing about the expiry and the security code.
     */
    public boolean signatureValidFor(PublicKey signer) {
        if (!(signer instanceof RSAPublicKey rsa) || signature.length != (rsa.getModulus().bitLength() + 7) / 8) {
            return false;
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.DECRYPT_MODE, signer);
            byte[] digestInfo = cipher.doFinal(signature);
            return MessageDigest.isEqual(digestInfo, DigestAlgorithm.SHA256.digestInfoHolding(signedDigests()));
        } catch (BadPaddingException | IllegalBlockSizeException | InvalidKeyException e) {
            return false; // not a signature by this key
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA/ECB/PKCS1Padding is required of every JDK", e);
        }
    }

    private static byte[] image(BerTlv field, String label) {
        if (field.valueLength() == 0) {
            throw new MalformedCardDataException(WHAT + ": the " + label + " is empty");
        }
        return field.value();
    }

    private static byte[] encoded(List<BerTlv> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach(t -> out.writeBytes(t.encoded()));
        return out.toByteArray();
    }
}
