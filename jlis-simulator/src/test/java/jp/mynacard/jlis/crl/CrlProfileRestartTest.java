package jp.mynacard.jlis.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRL profile is written into the certificates, so a data directory keeps the one it started with. */
class CrlProfileRestartTest {
    @TempDir
    Path dir;

    @Test
    void restartingWithOtherPartitionsIsRefusedAndWithTheSameIsNot() throws Exception {
        CrlProfile two = new CrlProfile(2, CrlSignerMode.CA, false);
        try (Centre centre = Centre.start(CentreCrlHttp.configuration(dir, two))) {
            assertEquals(200, CentreCrlHttp.get(centre.publicationPoints().crl(CertificateUsage.SIGNATURE, 1)).statusCode());
        }

        IOException refused = assertThrows(IOException.class,
                () -> Centre.start(CentreCrlHttp.configuration(dir, new CrlProfile(4, CrlSignerMode.CA, false))).close());
        assertTrue(refused.getMessage().contains("--crl-partitions 2") && refused.getMessage().contains("--crl-partitions 4"),
                refused.getMessage());
        assertThrows(IOException.class,
                () -> Centre.start(CentreCrlHttp.configuration(dir, new CrlProfile(2, CrlSignerMode.SEPARATE, false))).close());

        try (Centre again = Centre.start(CentreCrlHttp.configuration(dir, two))) {
            assertEquals(2, again.publicationPoints().crlPartitions());
        }
    }

    @Test
    void aDataDirectoryThatPublishedBeforeProfilesKeepsTheDefault() throws Exception {
        Files.createDirectories(dir.resolve("crl"));
        Files.writeString(dir.resolve("crl").resolve(CrlPublisher.STATE_FILE), "");

        IOException refused = assertThrows(IOException.class,
                () -> CrlProfileFile.hold(dir, new CrlProfile(1, CrlSignerMode.CA, true)));
        assertTrue(refused.getMessage().contains("--crl-partitions 1 --crl-signer ca,"), refused.getMessage());
        CrlProfileFile.hold(dir, CrlProfile.DEFAULT);
    }

    @Test
    void indirectWithPartitionsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CrlProfile(3, CrlSignerMode.CA, true));
        assertTrue(refused.getMessage().contains("--indirect-crl"), refused.getMessage());
    }
}
