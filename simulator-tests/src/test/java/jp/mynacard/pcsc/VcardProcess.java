package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;

/**
 * {@code bin/vcard} run as a user runs it: a separate process that puts a freshly issued card
 * into pcscd through vpcd. Closing it sends SIGTERM and waits for a clean exit, which takes the
 * card out of the reader.
 */
public final class VcardProcess implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 90;
    private static final long CARD_VISIBLE_SECONDS = 10;

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final String readyLine;
    private String readerName = PcscDaemon.READER_NAME_PREFIX + "0";

    private final BlockingQueue<String> pending;

    private VcardProcess(Process process, String readyLine, BlockingQueue<String> pending) {
        this.process = process;
        this.readyLine = readyLine;
        this.pending = pending;
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/vcard"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/vcard not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Starts bin/vcard in the reader of vpcd {@code port} (35963 is reader 00, 35964 reader 01). */
    public static VcardProcess startOnPort(int port, String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port)));
        all.addAll(List.of(arguments));
        return start(all.toArray(String[]::new));
    }

    /** Starts bin/vcard with these arguments and waits for its {@code ready} line. */
    public static VcardProcess start(String... arguments) throws IOException, InterruptedException {
        return start(Map.of(), arguments);
    }

    /** As {@link #start(String...)}, with these environment variables set (a keystore password). */
    public static VcardProcess start(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        String readerName = PcscDaemon.readerName(portIn(arguments));
        PcscDaemon.requireRunning();
        List<String> command = new ArrayList<>();
        command.add(repositoryRoot().resolve("bin/vcard").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // a card left in the reader by a dying test JVM would hold vpcd for every later test
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        }, "vcard-output");
        pump.setDaemon(true);
        pump.start();
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith("ready")) {
                    VcardProcess vcard = new VcardProcess(process, line, lines);
                    vcard.readerName = readerName;
                    vcard.output.addAll(seen);
                    awaitCardVisible(readerName);
                    return vcard;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        process.destroyForcibly();
        fail("bin/vcard did not print 'ready' within " + READY_TIMEOUT_SECONDS + " s; it printed: " + seen);
        return null;
    }

    /** pcscd has read the ATR when vcard says ready; its clients learn of the card a moment later. */
    private static void awaitCardVisible(String reader) throws InterruptedException {
        try {
            PcscReaders.waitForCard(reader, Duration.ofSeconds(CARD_VISIBLE_SECONDS));
        } catch (ReaderSelectionException e) {
            fail("bin/vcard is ready but no PC/SC client sees its card: " + e.getMessage());
        }
    }

    public String readyLine() {
        return readyLine;
    }

    /** The PC/SC name of the reader this card sits in. */
    public String readerName() {
        return readerName;
    }

    /** Waits for a line of output starting with {@code prefix} (e.g. "pulled", "reinserted") and returns it. */
    public synchronized String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        for (String line : output) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = pending.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                output.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        fail("bin/vcard printed no '" + prefix + "' line within " + timeout.toSeconds() + " s: " + output);
        return null;
    }

    private static int portIn(String[] arguments) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("--port")) {
                return Integer.parseInt(arguments[i + 1]);
            }
        }
        return PcscDaemon.VPCD_PORT;
    }

    /** Everything bin/vcard printed so far, stdout and stderr. */
    public synchronized List<String> output() {
        pending.drainTo(output);
        return List.copyOf(output);
    }

    /** SIGTERM, then the exit status (asserted 0 by {@link #close()}). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/vcard did not stop within 15 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            assertEquals(0, stop(), "bin/vcard exits 0 on SIGTERM");
        }
        // pcscd polls vpcd for the card: give it a moment to see it gone before the next test inserts one
        Thread.sleep(500);
    }
}
