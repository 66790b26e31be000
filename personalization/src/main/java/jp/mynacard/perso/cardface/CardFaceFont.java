package jp.mynacard.perso.cardface;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Japanese font the card-face images are drawn with: an installed CJK font, preferably Noto
 * Sans CJK JP from Debian's {@code fonts-noto-cjk}. The JDK's logical fonts are not used: what they
 * fall back to differs from machine to machine, and a card face must not silently lose glyphs.
 */
final class CardFaceFont {
    static final String DEBIAN_PACKAGE = "fonts-noto-cjk";
    /** Families in order of preference, as GraphicsEnvironment names them. */
    private static final List<String> FAMILIES = List.of(
            "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "Noto Serif CJK JP",
            "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic");
    /** Where Debian puts them, for a JDK whose font list does not include them. */
    private static final List<String> FILES = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static volatile List<Font> installed;

    /** Card faces are drawn on servers: AWT without a display. Called before any AWT class loads. */
    static void headless() {
        // the static initializer has done it
    }

    private CardFaceFont() {
    }

    /**
     * A font of this pixel size that draws every character of {@code text}; {@code what} names the
     * text in the message when none does.
     */
    static Font forText(String what, String text, float pixelSize) {
        List<Font> fonts = installed();
        if (fonts.isEmpty()) {
            throw new IllegalStateException("no Japanese font is installed to draw the card-face images with: install the Debian package "
                    + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + ")");
        }
        int worst = -1;
        for (Font font : fonts) {
            int missing = font.canDisplayUpTo(text);
            if (missing == -1) {
                return font.deriveFont(pixelSize);
            }
            worst = Math.max(worst, missing);
        }
        int codePoint = text.codePointAt(worst);
        throw new IllegalArgumentException(String.format(
                "no installed Japanese font can draw the character U+%04X '%s' of the %s (tried %s); the Debian package %s covers"
                        + " JIS X 0213", codePoint, new String(Character.toChars(codePoint)), what,
                fonts.stream().map(Font::getFontName).toList(), DEBIAN_PACKAGE));
    }

    private static List<Font> installed() {
        List<Font> fonts = installed;
        if (fonts == null) {
            fonts = find();
            installed = fonts;
        }
        return fonts;
    }

    private static List<Font> find() {
        List<Font> found = new ArrayList<>();
        Set<String> families = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : FAMILIES) {
            if (families.contains(family)) {
                Font font = new Font(family, Font.PLAIN, 1);
                // a family name the JDK maps to a logical fallback is not the font itself
                if (font.getFamily().equals(family) && font.canDisplay('日')) {
                    found.add(font);
                }
            }
        }
        for (String path : FILES) {
            File file = new File(path);
            if (!file.isFile()) {
                continue;
            }
            try {
                Arrays.stream(Font.createFonts(file))
                        .filter(font -> font.getFamily().endsWith(" JP") || font.canDisplay('日'))
                        .sorted((a, b) -> Boolean.compare(!a.getFamily().contains("JP"), !b.getFamily().contains("JP")))
                        .findFirst()
                        .ifPresent(found::add);
            } catch (IOException | FontFormatException e) {
                // an unreadable font file is as good as none; the others may do
            }
        }
        return List.copyOf(found);
    }
}
