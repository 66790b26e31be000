package jp.mynacard.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the PDF's Japanese font comes from: IPAex Gothic from Debian's fonts-ipaexfont-gothic.
 * A TrueType-outline font, because PDFBox subsets only those (Noto Sans CJK, with CFF outlines,
 * cannot be embedded as a subset). {@code MYNACARD_KIOSK_FONT} names another .ttf.
 */
final class JapaneseFont {
    static final String PACKAGE = "fonts-ipaexfont-gothic";
    static final Path DEBIAN = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");
    static final String VARIABLE = "MYNACARD_KIOSK_FONT";

    private JapaneseFont() {
    }

    /** @throws IllegalStateException naming the package to install when the font is missing */
    static Path locate() {
        return locate(System::getenv, DEBIAN);
    }

    static Path locate(Function<String, String> environment, Path packaged) {
        String configured = environment.apply(VARIABLE);
        Path font = configured == null || configured.isEmpty() ? packaged : Path.of(configured);
        if (!Files.isReadable(font)) {
            throw new IllegalStateException("the Japanese font " + font + " is missing: install the Debian package "
                    + PACKAGE + " ('apt-get install " + PACKAGE + "'), or set " + VARIABLE
                    + " to a TrueType (.ttf) Japanese font");
        }
        return font;
    }
}
