package jp.mynacard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program run as a user runs it (OpenSC, OpenSSL, bin/jlis), no input, its output kept. */
public final class ExternalTool {
    public static final String OPENSC_PKCS11 = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    private static final long TIMEOUT_SECONDS = 120;

    public record Result(int exitCode, String stdout, String stderr, List<String> command) {
        public String all() {
            return stdout + stderr;
        }

        public Result requireSuccess() {
            if (exitCode != 0) {
                fail(String.join(" ", command) + " exited " + exitCode + ":\n" + all());
            }
            return this;
        }
    }

    private ExternalTool() {
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("tool", ".out");
        try {
            return run(stdout, command);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /**
     * As {@link #run(String...)}, the standard output also left in {@code stdout} byte for byte,
     * for a tool that writes a binary file there (a DER certificate); the result's text is its UTF-8 reading.
     */
    public static Result run(Path stdout, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        // files, not pipes: a tool blocked on a full pipe nobody reads would never exit
        Path stderr = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", line) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8), line);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
