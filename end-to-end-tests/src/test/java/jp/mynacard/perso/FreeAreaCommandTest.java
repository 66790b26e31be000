package jp.mynacard.perso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javacard.framework.AID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.smartcardio.CardTerminal;
import jp.mynacard.applet.FreeAreaApplet;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantAuthenticationException;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.host.freearea.TenantSession;
import jp.mynacard.perso.channel.ChipInstallData;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.freearea.FreeAreaCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code perso free-area add|remove|list} against a free-area AP on jcardsim made for an issuer
 * key held in a PKCS#12 file, as at a counter: what it prints, its exit codes, and that the slot
 * it adds opens with the key it hands the tenant.
 */
class FreeAreaCommandTest {
    static {
        jp.mynacard.sim.CardRandomness.ensureSecure();
    }

    @TempDir
    Path dir;
    Path keystore;
    Path passwordFile;
    CardTerminal terminal;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void cardAndIssuerKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        SecretKey master = generator.generateKey();
        char[] password = "counter-test-password".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setEntry("issuer-master", new KeyStore.SecretKeyEntry(master), new KeyStore.PasswordProtection(password));
        keystore = dir.resolve("issuer.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }
        passwordFile = Files.writeString(dir.resolve("password"), new String(password) + "\n");

        byte[] aid = FreeAreaCard.AID;
        byte[] install = ChipInstallData.of(aid, "CT0000000001".getBytes(StandardCharsets.US_ASCII), new IssuerMasterKey(master));
        CardSimulator simulator = new CardSimulator();
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), FreeAreaApplet.class, install, (short) 0, (byte) install.length);
        terminal = CardTerminalSimulator.terminal(simulator, "counter reader");
    }

    Run perso(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--master-key", keystore.toString(), "--keystore-password-file", passwordFile.toString()));
        if (!args[0].equals("list")) {
            all.addAll(List.of("--audit", audit().toString(), "--operator", "clerk-3"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FreeAreaCommand(reader -> terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Path audit() {
        return dir.resolve("counter-audit.jsonl");
    }

    TenantSession tenant(SlotName name, TenantKey key) {
        return FreeAreaCard.over(ApduChannel.open(terminal)).authenticate(name, key);
    }

    @Test
    void addWithAGeneratedKeyGivesTheTenantAKeyThatOpensItsSlot() throws Exception {
        Path keyFile = dir.resolve("seal.key");
        Run added = perso("add", "131016:1", "--read", "keyed", "--capacity", "128", "--key-file", keyFile.toString(), "--generate-key");
        assertEquals(0, added.exitCode, added.err);
        assertTrue(added.out.contains("added slot 131016:1 (keyed read, 128 bytes)"), added.out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        String hex = Files.readString(keyFile).strip();
        assertFalse(added.out.contains(hex) || added.err.contains(hex), "the key is never printed");
        try (TenantSession seal = tenant(new SlotName("131016", 1), TenantKey.read(keyFile))) {
            seal.write("131016-IN-000042".getBytes(StandardCharsets.US_ASCII));
        }

        Run listed = perso("list");
        assertEquals(0, listed.exitCode, listed.err);
        assertTrue(listed.out.contains("131016:1       keyed   16 of  128 bytes"), listed.out);
        assertTrue(listed.out.contains("free: 3968 bytes in one run, 7 of 8 slot entries"), listed.out);
    }

    @Test
    void theCardsRefusalsAreExitCodeOneWithTheReason() throws Exception {
        Path key = Files.writeString(dir.resolve("tenant.key"), HexFormat.of().formatHex(new byte[16]).replace('0', '7') + "\n");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, perso("add", "27100" + i + ":1", "--capacity", "1024", "--key-file", key.toString()).exitCode);
        }
        Run full = perso("add", "131016:2", "--read", "open", "--capacity", "1", "--key-file", key.toString());
        assertEquals(1, full.exitCode);
        assertTrue(full.err.contains("no room for a 1-byte slot 131016:2"), full.err);
        Run taken = perso("add", "271000:1", "--capacity", "1", "--key-file", key.toString());
        assertEquals(1, taken.exitCode);
        assertTrue(taken.err.contains("already has a slot 271000:1"), taken.err);

        Run removed = perso("remove", "271000:1");
        assertEquals(0, removed.exitCode, removed.err);
        assertTrue(removed.out.contains("removed slot 271000:1"));
        assertThrows(TenantAuthenticationException.class, () -> tenant(new SlotName("271000", 1), TenantKey.read(key)));
        Run again = perso("remove", "271000:1");
        assertEquals(1, again.exitCode);
        assertTrue(again.err.contains("no slot 271000:1"), again.err);
    }

    @Test
    void usageErrorsAreExitCodeTwoAndTouchNoCard() {
        terminal = null;
        Path key = dir.resolve("absent.key");
        Run capacity = perso("add", "131016:1", "--capacity", "2000", "--key-file", key.toString(), "--generate-key");
        assertEquals(2, capacity.exitCode);
        assertTrue(capacity.err.contains("--capacity is 1 to 1024"), capacity.err);
        assertFalse(Files.exists(key));
        Run name = perso("remove", "13101:1");
        assertEquals(2, name.exitCode);
        assertTrue(name.err.contains("six printable ASCII"), name.err);
        Run policy = perso("add", "131016:1", "--read", "public", "--key-file", key.toString(), "--generate-key");
        assertEquals(2, policy.exitCode);
        Run noKey = perso("add", "131016:1", "--key-file", key.toString());
        assertEquals(2, noKey.exitCode);
        assertTrue(noKey.err.contains("cannot read the tenant key file"), noKey.err);
        assertFalse(Files.exists(audit()), "a usage error touches no card and audits nothing");
    }

    @Test
    void addAndRemoveAreAuditedDoneOrFailedButNeverTheKeyAndListIsNot() throws Exception {
        String keyHex = "00112233445566778899aabbccddeeff";
        Path key = Files.writeString(dir.resolve("tenant.key"), keyHex + "\n");
        assertEquals(0, perso("add", "131016:1", "--capacity", "64", "--key-file", key.toString()).exitCode);
        Run taken = perso("add", "131016:1", "--key-file", key.toString());
        assertEquals(1, taken.exitCode);
        assertEquals(0, perso("remove", "131016:1").exitCode);
        assertEquals(0, perso("list").exitCode);

        List<String> lines = Files.readAllLines(audit());
        assertEquals(3, lines.size(), "add, the refused add, remove; list changes nothing: " + lines);
        String card = "\"card\":\"CT0000000001\",\"slot\":\"131016:1\",\"centre\":\"none\"";
        assertTrue(lines.get(0).contains("\"operator\":\"clerk-3\",\"action\":\"free-area add\"," + card + ",\"outcome\":\"done\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"action\":\"free-area add\"," + card + ",\"outcome\":\"failed\",\"reason\":\""), lines.get(1));
        assertTrue(lines.get(1).contains("already has a slot 131016:1"), lines.get(1));
        assertTrue(lines.get(2).contains("\"action\":\"free-area remove\"," + card + ",\"outcome\":\"done\""), lines.get(2));
        String all = Files.readString(audit());
        assertFalse(all.contains(keyHex) || all.contains(keyHex.toUpperCase()) || all.contains("counter-test-password"), all);
    }
}
