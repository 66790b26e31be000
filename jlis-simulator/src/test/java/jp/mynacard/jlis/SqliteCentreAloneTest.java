package jp.mynacard.jlis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite registry is one process's: a second centre on the same data directory would neither see
 * the first one's changes nor keep from publishing the same CRLs, so it is refused with the reason,
 * and starts once the first has stopped. (Several centres share a PostgreSQL registry instead.)
 */
class SqliteCentreAloneTest {
    @TempDir
    Path data;

    @Test
    void aSecondCentreOnTheSameSqliteDataDirectoryIsRefusedUntilTheFirstStops() throws Exception {
        try (Centre first = Centre.start(CentreConfiguration.embedded(data))) {
            IOException refused = assertThrows(IOException.class, () -> Centre.start(CentreConfiguration.embedded(data)));
            assertTrue(refused.getMessage().contains("another centre is running on the data directory"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("--jdbc-url"), refused.getMessage());
        }
        try (Centre again = Centre.start(CentreConfiguration.embedded(data))) {
            assertTrue(again.uri().getPort() > 0);
        }
    }
}
