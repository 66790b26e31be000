package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection in the コンビニ交付 flow: the card is pulled at every step of it in turn
 * (bin/vcard --remove-after N for N = 0, 1, 2, ... until the flow completes), and each time
 * bin/kiosk ends promptly with "no card" and its clerk sentence, issues nothing and shows no
 * stack trace; with the card left in, the same run issues the document.
 */
class KioskCardRemovalIT {
    private static final int MOST_STEPS = 20;
    /** Generous: a JVM start and the whole flow; a hang would take the kiosk's own timeouts (30 s and more). */
    private static final long PROMPT_SECONDS = 25;
    private static final int EXIT_ISSUED = 0;
    private static final int EXIT_NO_CARD = 3;

    @TempDir
    Path dir;

    @Test
    void aCardPulledAtAnyStepOfTheKioskFlowIsReportedAndNothingIsIssued() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            int steps = -1;
            for (int pulledAt = 0; pulledAt <= MOST_STEPS && steps < 0; pulledAt++) {
                Path pdf = dir.resolve("juminhyo-" + pulledAt + ".pdf");
                Run run;
                try (VcardProcess vcard = VcardProcess.start("--centre", centre.uri().toString(),
                        "--remove-after", Integer.toString(pulledAt))) {
                    run = kiosk(centre, pdf);
                }
                assertTrue(run.seconds < PROMPT_SECONDS, "card pulled after " + pulledAt + " APDUs: the kiosk took "
                        + run.seconds + " s\n" + run.output);
                assertFalse(run.output.contains("Exception") || run.output.contains("\tat "), run.output);
                if (run.exitCode == EXIT_ISSUED) {
                    steps = pulledAt; // the flow needed no more APDUs than this
                    assertTrue(Files.size(pdf) > 0);
                    break;
                }
                assertEquals(EXIT_NO_CARD, run.exitCode, "card pulled after " + pulledAt + " APDUs:\n" + run.output);
                assertTrue(run.output.contains("カード"), run.output);
                assertFalse(Files.exists(pdf), "nothing issued when the card was pulled after " + pulledAt + " APDUs");
                System.out.printf("card pulled after %d APDUs: kiosk exit %d in %.1f s: %s%n", pulledAt, run.exitCode,
                        run.seconds, run.output.lines().reduce((a, b) -> b).orElse(""));
            }
            assertTrue(steps > 0, "the kiosk flow never completed within " + MOST_STEPS + " APDUs");
        }
    }

    private record Run(int exitCode, String output, double seconds) {
    }

    private static Run kiosk(Centre centre, Path out) throws IOException, InterruptedException {
        List<String> command = List.of(VcardProcess.repositoryRoot().resolve("bin/kiosk").toString(),
                "--centre", centre.uri().toString(), "--out", out.toString(), "--wait", "5");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(VcardProcess.repositoryRoot().toFile()).redirectErrorStream(true);
        builder.environment().put("MYNA_AUTH_PIN", "1234");
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2 * PROMPT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
    }
}
