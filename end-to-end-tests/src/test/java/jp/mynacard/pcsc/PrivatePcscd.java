package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A pcscd of a test's own, which the test may stop, kill and start again without disturbing the
 * pcscd every other PC/SC test shares. pcscd insists on /run/pcscd for its socket and pid file and
 * refuses to start while another one runs there, so this one runs in a mount namespace of its
 * own where a directory of the test is mounted over /run/pcscd (root needed: unshare). Its
 * clients find it through PCSCLITE_CSOCK_NAME, which libpcsclite reads; its only reader is vpcd
 * on a port of its own ({@code <FRIENDLY_NAME> 00 00}).
 */
final class PrivatePcscd implements AutoCloseable {
    static final String FRIENDLY_NAME = "Private PCD";
    private static final long START_SECONDS = 10;
    private static final long STOP_SECONDS = 10;

    private final Path runDirectory;
    private final Path readerConf;
    private final Path log;
    private final int vpcdPort;
    private Process process;

    private PrivatePcscd(Path directory, int vpcdPort) {
        this.runDirectory = directory.resolve("run");
        this.readerConf = directory.resolve("reader.conf");
        this.log = directory.resolve("pcscd.log");
        this.vpcdPort = vpcdPort;
    }

    /** Starts one with vpcd listening on {@code vpcdPort}; skips the test where unshare is not allowed (not root). */
    static PrivatePcscd start(Path directory, int vpcdPort) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a private pcscd needs a mount namespace of its own: run as root (bin/test in CI does)");
        if (PcscDaemon.vpcdListening(vpcdPort)) {
            fail("port " + vpcdPort + " is taken by another vpcd reader");
        }
        PrivatePcscd pcscd = new PrivatePcscd(directory, vpcdPort);
        Files.createDirectories(directory);
        String channel = String.format(Locale.ROOT, "0x%04X", vpcdPort);
        Files.writeString(pcscd.readerConf, "FRIENDLYNAME \"" + FRIENDLY_NAME + "\"\n"
                + "DEVICENAME /dev/null:" + channel + "\n"
                + "LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
                + "CHANNELID " + channel + "\n", StandardCharsets.US_ASCII);
        pcscd.start();
        return pcscd;
    }

    /** The environment a client process needs to talk to this pcscd instead of the shared one. */
    Map<String, String> clientEnvironment() {
        return Map.of("PCSCLITE_CSOCK_NAME", runDirectory.resolve("pcscd.comm").toString());
    }

    String readerName() {
        return FRIENDLY_NAME + " 00 00";
    }

    int vpcdPort() {
        return vpcdPort;
    }

    /** Starts pcscd (again) and waits for its socket and its vpcd reader. */
    void start() throws IOException, InterruptedException {
        // pcscd deletes the directory when it stops cleanly; a killed one leaves its socket, which must
        // not pass for the new one's
        Files.createDirectories(runDirectory);
        Files.deleteIfExists(runDirectory.resolve("pcscd.comm"));
        Files.deleteIfExists(runDirectory.resolve("pcscd.pid"));
        String script = "mkdir -p /run/pcscd && mount --bind \"$1\" /run/pcscd && exec pcscd -f -c \"$2\"";
        process = new ProcessBuilder(List.of("unshare", "--mount", "sh", "-c", script, "pcscd",
                runDirectory.toString(), readerConf.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!(Files.exists(runDirectory.resolve("pcscd.comm")) && PcscDaemon.vpcdListening(vpcdPort))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the private pcscd did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM, as a service manager stops it: pcscd closes its readers and clients cleanly. */
    void stop() throws InterruptedException {
        end(false);
    }

    /** SIGKILL, as a crash: clients and the vpcd card lose their connections mid-word. */
    void kill() throws InterruptedException {
        end(true);
    }

    private void end(boolean forcibly) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the private pcscd did not stop within " + STOP_SECONDS + " s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
