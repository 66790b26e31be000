package jp.mynacard.host.cardface;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import jp.mynacard.model.card.MalformedCardDataException;

/**
 * The front face as one picture a counter or kiosk can show beside the plastic: the size of an
 * ID-1 card at 10 pixels per millimetre, photo on the right, name and address on the left, then
 * birth date, sex, expiry and the security code, laid out roughly like the printed card. Works
 * headless (AWT without a display). The photo is JPEG 2000, decoded with the jai-imageio codec.
 */
public final class FrontFaceImage {
    /** 85.6 × 54 mm. */
    public static final int WIDTH = 856;
    public static final int HEIGHT = 540;
    private static final int MARGIN = 24;
    private static final int PHOTO_WIDTH = 240;
    private static final int PHOTO_HEIGHT = 300;
    private static final int PHOTO_X = WIDTH - MARGIN - PHOTO_WIDTH;
    private static final int LEFT_WIDTH = PHOTO_X - 2 * MARGIN;
    private static final Color INK = new Color(0x20, 0x20, 0x20);
    private static final Color LABEL = new Color(0x60, 0x60, 0x60);

    private FrontFaceImage() {
    }

    /** The composed face as PNG bytes. */
    public static byte[] png(FrontFace face) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(compose(face), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The composed face.
     *
     * @throws MalformedCardDataException when an image on the card does not decode
     */
    public static BufferedImage compose(FrontFace face) {
        BufferedImage name = decode(face.nameImage(), "name image (PNG)");
        BufferedImage address = decode(face.addressImage(), "address image (PNG)");
        BufferedImage photo = decode(face.photo(), "face photo (JPEG 2000)");
        BufferedImage securityCode = decode(face.securityCodeImage(), "security code image (PNG)");

        BufferedImage card = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0xB0, 0xB0, 0xB0));
            g.drawRoundRect(1, 1, WIDTH - 3, HEIGHT - 3, 32, 32);

            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("My Number Card", MARGIN, MARGIN + 20);

            label(g, "name", MARGIN, 80);
            fit(g, name, MARGIN, 88, LEFT_WIDTH, 60);
            label(g, "address", MARGIN, 172);
            fit(g, address, MARGIN, 180, LEFT_WIDTH, 130);

            label(g, "date of birth", MARGIN, 340);
            text(g, date(face.birthDate()), MARGIN, 368);
            label(g, "sex", MARGIN + 260, 340);
            text(g, face.sex().label(), MARGIN + 260, 368);
            label(g, "valid until", MARGIN, 408);
            text(g, date(face.expiry()), MARGIN, 436);

            g.setColor(new Color(0xE8, 0xE8, 0xE8));
            g.fillRect(PHOTO_X, 60, PHOTO_WIDTH, PHOTO_HEIGHT);
            fill(g, photo, PHOTO_X, 60, PHOTO_WIDTH, PHOTO_HEIGHT);
            label(g, "security code", PHOTO_X, 392);
            fit(g, securityCode, PHOTO_X, 400, PHOTO_WIDTH, 60);

            g.setColor(LABEL);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("the expiry date and security code are not covered by the card-data signature",
                    MARGIN, HEIGHT - MARGIN);
        } finally {
            g.dispose();
        }
        return card;
    }

    private static BufferedImage decode(byte[] bytes, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new MalformedCardDataException("EF 0002 (front face): the " + what + " is not in a known image format");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedCardDataException m) {
                throw m;
            }
            // codecs throw all sorts of runtime exceptions on corrupt input
            throw new MalformedCardDataException("EF 0002 (front face): the " + what + " does not decode");
        }
    }

    /** Draws {@code image} inside the box, scaled down (never up by more than 2×) keeping its proportions, centred vertically. */
    private static void fit(Graphics2D g, BufferedImage image, int x, int y, int width, int height) {
        fit(g, image, x, y, width, height, 2.0, false);
    }

    /** The photo fills its box whatever its resolution, centred both ways. */
    private static void fill(Graphics2D g, BufferedImage image, int x, int y, int width, int height) {
        fit(g, image, x, y, width, height, Double.MAX_VALUE, true);
    }

    private static void fit(Graphics2D g, BufferedImage image, int x, int y, int width, int height, double maxScale,
            boolean centre) {
        double scale = Math.min(maxScale, Math.min((double) width / image.getWidth(), (double) height / image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean bilevel = image.getColorModel().getPixelSize() == 1;
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, bilevel
                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, centre ? x + (width - w) / 2 : x, y + (height - h) / 2, w, h, null);
    }

    private static void label(Graphics2D g, String text, int x, int baseline) {
        g.setColor(LABEL);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(text, x, baseline);
    }

    private static void text(Graphics2D g, String text, int x, int baseline) {
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        g.drawString(text, x, baseline);
    }

    private static String date(LocalDate date) {
        return date.toString();
    }
}
