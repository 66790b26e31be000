package jp.mynacard.jlis.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which token a CLI verb presents, and to which centre. */
class AdminTokenFileTest {
    private static final URI LOCAL = URI.create("http://127.0.0.1:8080/");

    @TempDir
    Path dir;

    @Test
    void aTokenGivenWinsThenTheFileGiven() throws Exception {
        Path file = Files.writeString(dir.resolve(AdminTokenFile.NAME), "from-the-file\n");
        assertEquals("given", AdminTokenFile.tokenFor(LOCAL, " given ", file));
        assertEquals("from-the-file", AdminTokenFile.tokenFor(LOCAL, null, file));
        assertEquals("from-the-file", AdminTokenFile.tokenFor(URI.create("https://centre.example/"), "", file),
                "a file given is for any centre");
    }

    @Test
    void theDefaultDataDirectorysTokenGoesToACentreOnThisHostOnly() throws Exception {
        Path local = Files.writeString(dir.resolve(AdminTokenFile.NAME), "local-secret\n");
        assertEquals("local-secret", AdminTokenFile.tokenFor(LOCAL, null, null, local));
        assertEquals("local-secret", AdminTokenFile.tokenFor(URI.create("http://localhost:8080/"), null, null, local));
        assertEquals("local-secret", AdminTokenFile.tokenFor(URI.create("http://[::1]:8080/"), null, null, local));
        assertNull(AdminTokenFile.tokenFor(URI.create("http://centre.example:8080/"), null, null, local),
                "never sent to another host");
        assertNull(AdminTokenFile.tokenFor(URI.create("http://192.0.2.7:8080/"), null, null, local));
        assertNull(AdminTokenFile.tokenFor(URI.create("http://127.0.0.1.evil.example/"), null, null, local),
                "a name is not resolved to decide");
        assertNull(AdminTokenFile.tokenFor(LOCAL, null, null, dir.resolve("no-such-file")), "none: no token");
    }

    @Test
    void aFileThatCannotBeReadOrIsEmptyIsAClearError() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AdminTokenFile.tokenFor(LOCAL, null, dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("cannot read the admin token file " + dir.resolve("nowhere")),
                missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminTokenFile.read(empty)).getMessage()
                .contains("is empty"));
    }
}
