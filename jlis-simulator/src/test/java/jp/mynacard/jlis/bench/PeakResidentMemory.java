package jp.mynacard.jlis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The peak resident memory of a peer process, read from its {@code VmHWM} (the kernel's own high
 * water mark, so a poll that comes late still sees the peak) until the process ends.
 */
public final class PeakResidentMemory {
    private static final long POLL_MILLIS = 20;

    private PeakResidentMemory() {
    }

    /** Waits for the process to end; its peak resident set in KiB as last seen (0 if never seen). */
    public static long follow(Process process) throws InterruptedException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return peak;
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (NoSuchFileException e) {
            return 0; // ended between the check and the read
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
