package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One of this project's programs (bin/vcard, bin/kiosk, ...) running beside a test: its output
 * (stdout and stderr) read line by line as it comes, so the test can wait for what it says.
 * Killed with the test JVM, so that a failed test leaves no card in a reader.
 */
final class RunningProgram implements AutoCloseable {
    private static final long STOP_SECONDS = 15;

    private final String name;
    private final Process process;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();

    private RunningProgram(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command} in the repository root with {@code environment} added to this JVM's. */
    static RunningProgram start(Map<String, String> environment, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(VcardProcess.repositoryRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        RunningProgram program = new RunningProgram(command.get(0).replaceAll(".*/", ""), process);
        Thread pump = new Thread(program::pump, program.name + "-output");
        pump.setDaemon(true);
        pump.start();
        return program;
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                pending.add(line);
            }
        } catch (IOException e) {
            pending.add("(output closed: " + e.getMessage() + ")");
        }
    }

    /**
     * The first line starting with {@code prefix}, among those printed so far or within
     * {@code timeout}; fails the test with everything printed if none comes (or the program exits).
     */
    synchronized String awaitLine(String prefix, Duration timeout) throws InterruptedException {
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
            } else if (!process.isAlive() && pending.isEmpty()) {
                break;
            }
        }
        fail(name + " printed no '" + prefix + "' line within " + timeout.toMillis() + " ms"
                + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ": " + output);
        return null;
    }

    /** Everything printed so far. */
    synchronized List<String> output() {
        pending.drainTo(output);
        return List.copyOf(output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then the exit status; SIGKILL (and a failed test) if it does not stop. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(name + " did not stop within " + STOP_SECONDS + " s of SIGTERM: " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
