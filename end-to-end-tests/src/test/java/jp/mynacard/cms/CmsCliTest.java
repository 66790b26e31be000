package jp.mynacard.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.myna.Myna;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code myna cms} options and failures on an in-process card. */
class CmsCliTest {
    private static VirtualCard card;

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void issue() {
        card = VirtualCard.issue(Holder.sample());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Myna myna = new Myna(card::terminal).withEnvironment(env::get).withPrompt(prompt -> null);
        CommandLine cli = Myna.commandLine(myna);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path pem(String name, byte[] der) throws Exception {
        return Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n");
    }

    private Path content() throws Exception {
        return Files.writeString(dir.resolve("doc.txt"), "申請書\n", StandardCharsets.UTF_8);
    }

    @Test
    void authKeyWithPinFromTheEnvironmentAndPemOutput() throws Exception {
        env.put("MYNA_AUTH_PIN", "1234");
        Path in = content();
        Path p7s = dir.resolve("doc.p7s");
        assertEquals(0, run("cms", "sign", "--key", "auth", "--form", "pem", "--in", in.toString(), "--out", p7s.toString()),
                err.toString());
        assertTrue(Files.readString(p7s).startsWith("-----BEGIN CMS-----"));
        Path authCa = pem("authCA.pem", card.certificates().authCaCertificate());
        assertEquals(0, run("cms", "verify", "--in", p7s.toString(), "--trust", authCa.toString(), "--no-revocation"),
                out + "" + err);
        assertTrue(out.toString().matches("(?s)valid: signed by .* at \\d{4}-\\d\\d-\\d\\dT.*\\+09:00\n"), out.toString());
        Path signCa = pem("signCA.pem", card.certificates().signCaCertificate());
        assertEquals(13, run("cms", "verify", "--in", p7s.toString(), "--trust", signCa.toString(), "--no-revocation"));
        assertTrue(out.toString().startsWith("NOT valid: no certification path"), out.toString());
    }

    @Test
    void pinFailuresSpendNoSignature() throws Exception {
        Path in = content();
        Path p7s = dir.resolve("doc.p7s");
        assertEquals(9, run("cms", "sign", "--in", in.toString(), "--out", p7s.toString()));
        assertTrue(err.toString().contains("MYNA_SIGN_PIN"), err.toString());
        assertEquals(8, run("cms", "sign", "--pin", "abc", "--in", in.toString(), "--out", p7s.toString()));
        assertFalse(Files.exists(p7s));
        assertFalse((out + "" + err).contains("abc"), "the PIN is not echoed");
    }

    @Test
    void verifyUsageAndFileErrors() throws Exception {
        Path in = content();
        assertEquals(2, run("cms", "verify", "--in", in.toString()));
        assertTrue(err.toString().contains("--trust"), err.toString());
        assertEquals(10, run("cms", "verify", "--in", dir.resolve("missing.p7s").toString(), "--trust", in.toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
        Path ca = pem("signCA.pem", card.certificates().signCaCertificate());
        assertEquals(13, run("cms", "verify", "--in", in.toString(), "--trust", ca.toString()));
        assertTrue(out.toString().startsWith("NOT valid: not a CMS SignedData"), out.toString());
        assertEquals(2, run("cms", "sign", "--key", "both", "--in", in.toString()));
    }
}
