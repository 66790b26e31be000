package jp.mynacard.jlis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlis ca rollover} and {@code jlis ca --generation/--all} against a running centre, as an operator types them. */
class CaRolloverCommandTest {
    @TempDir
    Path dir;

    @Test
    void rolloverThenFetchEachGenerationAndTheBundle() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("data")))) {
            String url = centre.uri().toString();
            CentreClient client = new CentreClient(centre.uri(), null);
            byte[] first = client.authorityCertificate("auth", true);

            JlisRun rollover = run("ca", "rollover", "--type", "auth", "--centre", url);
            assertEquals(0, rollover.exit(), rollover.err());
            assertTrue(rollover.out().startsWith("auth CA generation 2 is current\n"), rollover.out());
            assertEquals(3, certificates(rollover.out().getBytes(StandardCharsets.US_ASCII)).size(),
                    "the new CA certificate and two links: " + rollover.out());

            Path second = dir.resolve("auth-g2.der");
            JlisRun fetch = run("ca", "--type", "auth", "--generation", "2", "--form", "der", "--out", second.toString(),
                    "--centre", url);
            assertEquals(0, fetch.exit(), fetch.err());
            assertArrayEquals(client.authorityCertificate("auth", true), Files.readAllBytes(second), "generation 2 is current");
            Path firstFile = dir.resolve("auth-g1.der");
            assertEquals(0, run("ca", "--type", "auth", "--generation", "1", "--form", "der", "--out", firstFile.toString(),
                    "--centre", url).exit());
            assertArrayEquals(first, Files.readAllBytes(firstFile));

            Path all = dir.resolve("auth-all.pem");
            assertEquals(0, run("ca", "--type", "auth", "--all", "--out", all.toString(), "--centre", url).exit());
            assertEquals(4, certificates(Files.readAllBytes(all)).size(), "two generations, two links");

            Path current = dir.resolve("auth.pem");
            assertEquals(0, run("ca", "--type", "auth", "--out", current.toString(), "--centre", url).exit(),
                    "jlis ca --type as before");
            assertArrayEquals(client.authorityCertificate("auth", false), Files.readAllBytes(current));

            JlisRun missing = run("ca", "--type", "auth", "--generation", "3", "--centre", url);
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("no generation 3"), missing.err());
            JlisRun wrongType = run("ca", "rollover", "--type", "card-data", "--centre", url);
            assertEquals(1, wrongType.exit());
            assertTrue(wrongType.err().contains("auth and sign"), wrongType.err());
            assertEquals(2, run("ca", "rollover", "--centre", url).exit(), "--type is required");
            assertEquals(1, certificates(client.everyAuthorityCertificate("sign")).size(), "the sign CA was not touched");
        }
    }

    private static JlisRun run(String... arguments) {
        return JlisRun.of(arguments);
    }

    private static Collection<? extends java.security.cert.Certificate> certificates(byte[] pem) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
    }
}
