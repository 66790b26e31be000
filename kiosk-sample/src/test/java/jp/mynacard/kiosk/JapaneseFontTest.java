package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JapaneseFontTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFontNamesTheDebianPackageToInstall() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> JapaneseFont.locate(name -> null, dir.resolve("ipaexg.ttf")));
        assertTrue(missing.getMessage().contains("apt-get install fonts-ipaexfont-gothic"), missing.getMessage());
        assertTrue(missing.getMessage().contains(JapaneseFont.VARIABLE), missing.getMessage());
    }

    @Test
    void theVariableNamesAnotherFont() {
        Path font = JapaneseFont.DEBIAN;
        assertEquals(font, JapaneseFont.locate(name -> name.equals(JapaneseFont.VARIABLE) ? font.toString() : null,
                dir.resolve("absent.ttf")));
        assertThrows(IllegalStateException.class, () -> JapaneseFont.locate(
                name -> dir.resolve("nope.ttf").toString(), font), "a configured font that is absent is an error too");
    }
}
