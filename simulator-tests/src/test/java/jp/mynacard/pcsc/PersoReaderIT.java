package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/perso issue --reader against bin/vcard --blank --feeder through pcscd and vpcd: three
 * holders issued one after the other on the blanks the feeder puts in the reader, each card a
 * new serial, both made for the same issuer master key from a PKCS#12 file.
 */
class PersoReaderIT {
    private static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    private static final List<String> MY_NUMBERS = List.of("123456789018", "000000000019", "100000000013");

    @TempDir
    Path dir;

    @Test
    void issuesABatchOnTheBlanksAFeederPutsInTheReader() throws Exception {
        PcscDaemon.requireRunning();
        Path keystore = dir.resolve("issuer.p12");
        String password = writeKeystore(keystore);
        Path batch = dir.resolve("holders.csv");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < MY_NUMBERS.size(); i++) {
            lines.add(String.join(",", "R-" + i, "番号　花子", "東京都千代田区霞が関二丁目１番２号", "1989-03-31", "2034-03-31",
                    "131016", MY_NUMBERS.get(i), "5678", "female", "1234", "ABCDEF12"));
        }
        Files.write(batch, lines, StandardCharsets.UTF_8);
        Path root = VcardProcess.repositoryRoot();
        List<String> vcardOutput = new CopyOnWriteArrayList<>();
        ProcessBuilder feeder = new ProcessBuilder(root.resolve("bin/vcard").toString(), "--blank", "--feeder",
                "--master-key", keystore.toString(), "--port", Integer.toString(PcscDaemon.VPCD_PORT)).redirectErrorStream(true);
        feeder.environment().put("MYNACARD_MASTER_KEY_PASSWORD", password);
        Process vcard = feeder.start();
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            Thread reader = new Thread(() -> collect(vcard, vcardOutput));
            reader.setDaemon(true);
            reader.start();
            Path report = dir.resolve("report.csv");
            ProcessBuilder perso = new ProcessBuilder(root.resolve("bin/perso").toString(), "issue", "--batch", batch.toString(),
                    "--centre", centre.uri().toString(), "--out", report.toString(),
                    "--reader", PcscDaemon.readerName(PcscDaemon.VPCD_PORT), "--master-key", keystore.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("perso.log").toFile());
            perso.environment().put("MYNACARD_MASTER_KEY_PASSWORD", password);
            Process run = perso.start();
            assertTrue(run.waitFor(5, TimeUnit.MINUTES), "perso did not finish");
            String log = Files.readString(dir.resolve("perso.log"));
            assertEquals(0, run.exitValue(), log + "\nvcard: " + vcardOutput);
            List<String> rows = Files.readAllLines(report);
            assertEquals(1 + MY_NUMBERS.size(), rows.size(), rows.toString());
            Set<String> cards = new HashSet<>();
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.split(",", -1);
                assertEquals("issued", fields[2], row);
                assertTrue(fields[3].startsWith("VF") && cards.add(fields[3]), "a new blank for each holder: " + rows);
            }
            assertTrue(vcardOutput.stream().filter(l -> l.startsWith("fed:")).count() >= MY_NUMBERS.size(), vcardOutput.toString());
            assertTrue(!log.contains("ABCDEF12") && !log.contains(password), "no secret printed");
        } finally {
            vcard.destroy();
            vcard.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void collect(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** An AES-128 issuer master key under "issuer-master" in a fresh PKCS#12 file; returns its password. */
    private static String writeKeystore(Path keystore) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password.toCharArray());
        store.setEntry("issuer-master", new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(password.toCharArray()));
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password.toCharArray());
        }
        return password;
    }
}
