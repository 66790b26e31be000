package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    @TempDir
    Path dir;

    @Test
    void issuesABatchOnTheBlanksAFeederPutsInTheReader() throws Exception {
        PcscDaemon.requireRunning();
        PersoBureau bureau = PersoBureau.in(dir);
        Path keystore = bureau.keystore();
        String password = bureau.password();
        Path batch = PersoBureau.writeBatch(dir.resolve("holders.csv"), PersoBureau.MY_NUMBERS.size());
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
            assertEquals(1 + PersoBureau.MY_NUMBERS.size(), rows.size(), rows.toString());
            Set<String> cards = new HashSet<>();
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.split(",", -1);
                assertEquals("issued", fields[2], row);
                assertTrue(fields[3].startsWith("VF") && cards.add(fields[3]), "a new blank for each holder: " + rows);
            }
            assertTrue(vcardOutput.stream().filter(l -> l.startsWith("fed:")).count() >= PersoBureau.MY_NUMBERS.size(), vcardOutput.toString());
            assertTrue(!log.contains(PersoBureau.SIGN_PIN) && !log.contains(password), "no secret printed");
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
}
