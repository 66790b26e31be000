package jp.mynacard.perso.batch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Tells the operator how far the batch is: on a terminal one line redrawn in place with a bar,
 * the rate in cards per minute and the time left; otherwise (a log file, CI) a plain line every
 * {@code plainEvery} holders, so a log is neither silent nor flooded.
 */
public final class BatchProgress {
    private static final int BAR_WIDTH = 30;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final int plainEvery;
    private final LongSupplier nanoClock;
    private final long start;
    private int done;
    private int issued;
    private int rejected;
    private int failed;

    public BatchProgress(PrintStream out, boolean terminal, int total, int plainEvery, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.plainEvery = Math.max(1, plainEvery);
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** For the console the program runs in: a bar when it is a terminal. */
    public static BatchProgress onConsole(PrintStream out, int total) {
        return new BatchProgress(out, System.console() != null, total, 10, System::nanoTime);
    }

    public void issued() {
        issued++;
        step();
    }

    public void rejected() {
        rejected++;
        step();
    }

    public void failed() {
        failed++;
        step();
    }

    /** The closing line: counts, time and overall rate. */
    public void finish() {
        if (terminal) {
            out.println();
        }
        out.println(summary());
    }

    String summary() {
        long elapsed = nanoClock.getAsLong() - start;
        return String.format("%d issued, %d rejected, %d failed in %s (%.1f cards/min)", issued, rejected, failed,
                format(Duration.ofNanos(elapsed)), rate(elapsed));
    }

    private void step() {
        done++;
        long elapsed = nanoClock.getAsLong() - start;
        if (terminal) {
            int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
            out.print(String.format("\r[%s%s] %d/%d  %.1f cards/min  %s left ", "#".repeat(filled),
                    " ".repeat(BAR_WIDTH - filled), done, total, rate(elapsed), eta(elapsed)));
            out.flush();
        } else if (done % plainEvery == 0 || done == total) {
            out.printf("%d/%d done (%d issued, %d rejected, %d failed), %.1f cards/min, %s left%n", done, total,
                    issued, rejected, failed, rate(elapsed), eta(elapsed));
        }
    }

    private double rate(long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : (double) issued * NANOS_PER_MINUTE / elapsedNanos;
    }

    private String eta(long elapsedNanos) {
        if (done == 0 || done >= total) {
            return done >= total ? "nothing" : "?";
        }
        return format(Duration.ofNanos(elapsedNanos / done * (total - done)));
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
