package jp.mynacard.model.holder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HolderFileTest {
    private static final String SAMPLE = String.join("\n",
            "name=番号　花子",
            "birth-date=1989-03-31",
            "sex=female",
            "address=東京都千代田区霞が関二丁目１番２号",
            "my-number=123456789018",
            "card-expiry=2034-03-31",
            "security-code=5678",
            "municipality=131016");

    @TempDir
    Path dir;

    @Test
    void readsTheSampleHolder() throws IOException {
        assertEquals(Holder.sample(), HolderFile.read(write(SAMPLE)));
    }

    @Test
    void namesTheMissingKey() throws IOException {
        Path file = write(SAMPLE.replace("sex=female\n", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HolderFile.read(file));
        assertTrue(e.getMessage().contains("'sex'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void refusesABadMyNumberWithoutPrintingIt() throws IOException {
        Path file = write(SAMPLE.replace("123456789018", "123456789019"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HolderFile.read(file));
        assertTrue(e.getMessage().contains("check digit"), e.getMessage());
        assertFalse(e.getMessage().contains("123456789019"), e.getMessage());
    }

    @Test
    void refusesABadDateAndUnknownKeys() throws IOException {
        Path badDate = write(SAMPLE.replace("1989-03-31", "H1.3.31"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HolderFile.read(badDate))
                .getMessage().contains("'birth-date'"));
        Path typo = write(SAMPLE + "\nadress=x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HolderFile.read(typo))
                .getMessage().contains("[adress]"));
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("sjis.properties");
        Files.write(file, SAMPLE.getBytes(java.nio.charset.Charset.forName("Shift_JIS")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HolderFile.read(file))
                .getMessage().contains("UTF-8"));
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("holder.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
