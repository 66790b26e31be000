package jp.mynacard.jlis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.AdminTokenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlis verbs against a centre that wants its token, as {@code bin/jlis serve} runs one. */
class AdminTokenVerbsTest {
    private static final String HOLDER = """
            {"name":"番号　花子","birthDate":"1989-03-31","sex":"female",
             "address":"東京都千代田区霞が関二丁目１番２号","cardExpiry":"2034-03-31"}
            """;

    @TempDir
    Path dir;

    @Test
    void theVerbsWorkWithTheTokenFileOrTheTokenAndSayWhatIsMissingWithout() throws Exception {
        Path data = dir.resolve("data");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(data).withAdminLoopbackWithoutToken(false))) {
            String url = "--centre=" + centre.uri();
            Path tokenFile = data.resolve(AdminTokenFile.NAME);
            String tokenFileOption = "--admin-token-file=" + tokenFile;
            String token = AdminTokenFile.read(tokenFile);
            Path key = dir.resolve("key.pem");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Path holder = dir.resolve("holder.json");
            Files.writeString(holder, HOLDER);

            JlisRun refused = run("issue", url, "--type", "sign", "--public-key", key.toString(), "--holder", holder.toString(),
                    "--out", dir.resolve("refused.pem").toString());
            assertEquals(JlisMain.EXIT_REFUSED, refused.exit(), refused.out());
            assertTrue(refused.err().contains("Authorization: Bearer") && refused.err().contains("admin-token"), refused.err());
            assertFalse(Files.exists(dir.resolve("refused.pem")));

            JlisRun issued = run("issue", url, tokenFileOption, "--type", "sign", "--public-key", key.toString(), "--holder",
                    holder.toString(), "--out", dir.resolve("cert.pem").toString());
            assertEquals(0, issued.exit(), issued.err());
            Matcher serial = Pattern.compile("certificate ([0-9A-F]+)").matcher(issued.out());
            assertTrue(serial.find(), issued.out());

            JlisRun status = run("status", url, "--admin-token=" + token, "--serial", serial.group(1));
            assertEquals(0, status.exit(), status.err());
            JlisRun suspended = run("suspend", url, tokenFileOption, "--serial", serial.group(1));
            assertEquals(0, suspended.exit(), suspended.err());
            assertTrue(suspended.out().contains("suspended"), suspended.out());
            JlisRun revoked = run("revoke", url, tokenFileOption, "--serial", serial.group(1), "--reason", "keyCompromise");
            assertEquals(0, revoked.exit(), revoked.err());
            assertTrue(revoked.out().contains("revoked, keyCompromise"), revoked.out());
            JlisRun crls = run("publish-crls", url, tokenFileOption);
            assertEquals(0, crls.exit(), crls.err());
            JlisRun rollover = run("ca", "rollover", "--type", "auth", url, tokenFileOption);
            assertEquals(0, rollover.exit(), rollover.err());
            JlisRun ca = run("ca", "--type", "sign", url);
            assertEquals(0, ca.exit(), "the public paths need no token: " + ca.err());

            JlisRun wrong = run("status", url, "--admin-token=not-the-token", "--serial", serial.group(1));
            assertEquals(JlisMain.EXIT_REFUSED, wrong.exit());
            assertTrue(wrong.err().contains("not this centre's"), wrong.err());
            JlisRun missing = run("status", url, "--admin-token-file=" + dir.resolve("nowhere"), "--serial", serial.group(1));
            assertEquals(JlisMain.EXIT_REFUSED, missing.exit());
            assertTrue(missing.err().contains("cannot read the admin token file " + dir.resolve("nowhere")), missing.err());
            for (JlisRun run : new JlisRun[] {refused, issued, status, suspended, revoked, crls, wrong, missing}) {
                assertFalse(run.out().contains(token) || run.err().contains(token), "the token is never printed");
            }
        }
    }

    private static JlisRun run(String... arguments) {
        return JlisRun.of(arguments);
    }
}
