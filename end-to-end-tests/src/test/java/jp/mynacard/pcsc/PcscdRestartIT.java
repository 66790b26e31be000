package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.mynacard.host.reader.CardSlot;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcscd restarted under the host library: a kiosk (bin/kiosk --customers 0, the host library's
 * CardSlot) runs all day against a pcscd of the test's own, which is stopped and started again
 * while the kiosk waits for a card, while a served card is still in the reader, and killed while
 * the card hangs mid-signature. The kiosk never needs a restart: it says what happened to the
 * customer at hand within seconds, does not serve a card still in the reader twice, and serves
 * the next customer once pcscd is back.
 */
class PcscdRestartIT {
    private static final int VPCD_PORT = 36100;
    /** The kiosk flow's APDUs before the signature: SELECT, certificate reads, VERIFY. */
    private static final String APDUS_BEFORE_SIGNATURE = "6";
    private static final Duration SERVED = Duration.ofSeconds(60);
    /** A customer whose card hangs when pcscd dies is told within this (measured: well under a second). */
    private static final Duration TOLD = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aKioskServesThroughPcscdRestartsWithoutBeingRestarted() throws Exception {
        Path documents = dir.resolve("documents");
        try (PrivatePcscd pcscd = PrivatePcscd.start(dir.resolve("pcscd"), VPCD_PORT);
             Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")));
             RunningProgram kiosk = kiosk(pcscd, centre, documents)) {
            kiosk.awaitLine("カードを置いてください", SERVED);

            // 1. pcscd restarted while the kiosk waits for a card: the next card is served
            pcscd.stop();
            kiosk.awaitLine("待機中 / waiting: the PC/SC service is not running", Duration.ofSeconds(15));
            pcscd.start();
            try (VcardProcess card = VcardProcess.startIn(pcscd, "--centre", centre.uri().toString())) {
                assertTrue(kiosk.awaitLine("お客様 1 ", SERVED).endsWith("issued " + documents.resolve("0001.pdf")), kiosk.output().toString());

                // 2. pcscd restarted with that card still in: the kiosk waits for it to be taken out
                pcscd.stop();
                pcscd.start();
                card.awaitLine("vcard: reconnected to vpcd", Duration.ofSeconds(15));
                Thread.sleep(2 * CardSlot.RESTART_SETTLE.toMillis());
                assertFalse(kiosk.output().stream().anyMatch(l -> l.startsWith("お客様 2 ")),
                        "the card still in the reader was served again: " + kiosk.output());
            }

            // 3. pcscd killed while the card hangs before answering the signature command
            String told;
            long tookMillis;
            try (VcardProcess card = VcardProcess.startIn(pcscd, "--centre", centre.uri().toString(),
                    "--hold-after", APDUS_BEFORE_SIGNATURE)) {
                card.awaitLine("holding", SERVED);
                long killed = System.nanoTime();
                pcscd.kill();
                told = kiosk.awaitLine("お客様 2 ", TOLD);
                tookMillis = (System.nanoTime() - killed) / 1_000_000;
                pcscd.start();
                card.awaitLine("vcard: reconnected to vpcd", Duration.ofSeconds(15));
            }
            assertTrue(told.endsWith("no_card"), kiosk.output().toString());
            System.out.printf("pcscd killed mid-signature: the kiosk told the customer after %d ms%n", tookMillis);

            // 4. and the next customer is served
            try (VcardProcess card = VcardProcess.startIn(pcscd, "--centre", centre.uri().toString())) {
                assertTrue(kiosk.awaitLine("お客様 3 ", SERVED).endsWith("issued " + documents.resolve("0003.pdf")), kiosk.output().toString());
            }
            assertTrue(kiosk.isAlive(), "the kiosk ran through it all");
            List<String> output = kiosk.output();
            assertFalse(output.stream().anyMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), output.toString());
            try (Stream<Path> files = Files.list(documents)) {
                assertEquals(List.of("0001.pdf", "0003.pdf"), files.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    private static RunningProgram kiosk(PrivatePcscd pcscd, Centre centre, Path documents) throws Exception {
        Map<String, String> environment = new HashMap<>(pcscd.clientEnvironment());
        environment.put("MYNA_AUTH_PIN", "1234");
        return RunningProgram.start(environment, List.of(VcardProcess.repositoryRoot().resolve("bin/kiosk").toString(),
                "--centre", centre.uri().toString(), "--customers", "0", "--out", documents.toString(),
                "--reader", pcscd.readerName(), "--wait", "1"));
    }
}
