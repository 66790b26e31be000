package jp.mynacard.perso.cardface;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws card-face text as the card stores it: black on white, one bit per pixel, PNG. Long text
 * is wrapped at a fixed width, character by character as Japanese is set (no word spaces).
 */
final class TextImageRenderer {
    private static final int MARGIN = 2;

    private final float pixelSize;
    private final int maxWidth;

    /** Glyphs of this pixel size, lines at most {@code maxWidth} pixels wide (margins included). */
    TextImageRenderer(float pixelSize, int maxWidth) {
        this.pixelSize = pixelSize;
        this.maxWidth = maxWidth;
    }

    /** The text as a 1-bit PNG; {@code what} names it in an error ("name", "address"). */
    byte[] png(String what, String text) {
        return encode(render(what, text));
    }

    BufferedImage render(String what, String text) {
        Font font = CardFaceFont.forText(what, text, pixelSize);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D measuring = scratch.createGraphics();
        FontMetrics metrics = measuring.getFontMetrics(font);
        List<String> lines = wrap(text, metrics, maxWidth - 2 * MARGIN);
        measuring.dispose();
        int width = lines.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 2 * MARGIN;
        int lineHeight = metrics.getAscent() + metrics.getDescent();
        int height = lines.size() * lineHeight + 2 * MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(font);
            for (int i = 0; i < lines.size(); i++) {
                g.drawString(lines.get(i), MARGIN, MARGIN + i * lineHeight + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Greedy wrap by code point; a single glyph wider than the line still gets a line of its own. */
    static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            String next = line + new String(Character.toChars(codePoint));
            if (line.length() > 0 && metrics.stringWidth(next) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.appendCodePoint(codePoint);
            } else {
                line.setLength(0);
                line.append(next);
            }
        });
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** PNG of a TYPE_BYTE_BINARY image: ImageIO writes it as a two-colour palette, bit depth 1. */
    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
