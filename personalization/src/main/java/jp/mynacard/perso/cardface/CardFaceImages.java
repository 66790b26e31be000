package jp.mynacard.perso.cardface;

import jp.mynacard.model.holder.Holder;

/**
 * The images of a card face (spec §5): name, address, security code and My Number as 1-bit PNG
 * drawn with an installed Japanese font (Debian {@code fonts-noto-cjk}), and the face photo as
 * greyscale JPEG 2000 — here a generated stand-in portrait, the same for the same holder.
 * Sizes are chosen so the sample front face is about 6 KB and a 200-character address still
 * fits the card-surface AP's 16 KB EF.
 */
public record CardFaceImages(byte[] name, byte[] address, byte[] photo, byte[] securityCode, byte[] myNumber) {
    static {
        CardFaceFont.headless();
    }

    /** Name: 26 px glyphs, up to 16 a line. */
    static final TextImageRenderer NAME = new TextImageRenderer(26f, 420);
    /** Address: 18 px glyphs, 24 a line, so 200 characters take nine lines in about 3.5 KB. */
    static final TextImageRenderer ADDRESS = new TextImageRenderer(18f, 436);
    static final TextImageRenderer SECURITY_CODE = new TextImageRenderer(18f, 200);
    static final TextImageRenderer MY_NUMBER = new TextImageRenderer(24f, 400);
    /** JPEG 2000 bit rate of the photo: 120×160 at 1.6 bits per pixel is about 3.8 KB. */
    static final double PHOTO_BITS_PER_PIXEL = 1.6;

    public static CardFaceImages of(Holder holder) {
        String digits = holder.myNumber().digits();
        return new CardFaceImages(
                NAME.png("name", holder.name()),
                ADDRESS.png("address", InputHelperFiles.fullWidthNumerals(holder.address())),
                Jpeg2000Encoder.encode(PortraitGenerator.portrait(holder), PHOTO_BITS_PER_PIXEL),
                SECURITY_CODE.png("security code", holder.securityCode()),
                // as printed on the back: 1234 5678 9018
                MY_NUMBER.png("My Number", digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8)));
    }
}
