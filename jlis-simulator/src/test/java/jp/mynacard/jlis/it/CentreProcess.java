package jp.mynacard.jlis.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.jlis.client.CentreClient;

/** {@code bin/jlis serve} as an operator runs it: a separate process on a data directory. */
public final class CentreProcess implements AutoCloseable {
    /** Generous: a first start generates the CA keys, slowly on a software token. */
    private static final long READY_SECONDS = 120;
    private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");

    private final Process process;
    private final URI uri;
    private final List<String> output;
    private final Path data;

    private CentreProcess(Process process, URI uri, List<String> output, Path data) {
        this.process = process;
        this.uri = uri;
        this.output = output;
        this.data = data;
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/jlis"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/jlis not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path jlis() {
        return repositoryRoot().resolve("bin/jlis");
    }

    static CentreProcess start(Path data, String... extra) throws IOException, InterruptedException {
        return start(data, Map.of(), "", extra);
    }

    /**
     * @param environment variables to set for the centre, an empty value removing one
     * @param context     said when the centre does not get ready (which setup it was)
     */
    public static CentreProcess start(Path data, Map<String, String> environment, String context, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jlis().toString(), "serve", "--data", data.toString(), "--port", "0"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the token the centre keeps in its data directory, whatever the caller's environment says
        builder.environment().remove("MYNACARD_ADMIN_TOKEN");
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed)");
            }
        }, "centre-output");
        pump.setDaemon(true);
        pump.start();
        List<String> seen = new ArrayList<>();
        URI uri = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                uri = URI.create(serving.group(1));
            }
            if (line.equals("ready") && uri != null) {
                return new CentreProcess(process, uri, seen, data);
            }
        }
        process.destroyForcibly();
        fail("bin/jlis serve " + String.join(" ", extra) + " did not get ready within " + READY_SECONDS + " s"
                + context + ": " + seen);
        return null;
    }

    public URI uri() {
        return uri;
    }

    /** The admin token file the centre made in its data directory, as an operator's CLI reads it. */
    public Path adminTokenFile() {
        return data.resolve(AdminTokenFile.NAME);
    }

    /** A client presenting the centre's admin token. */
    public CentreClient client() {
        return new CentreClient(uri, adminToken());
    }

    /** The admin token the centre generated into its data directory at first start. */
    public String adminToken() {
        return AdminTokenFile.read(adminTokenFile());
    }

    public List<String> output() {
        return output;
    }

    /** The centre's JVM (bin/jlis execs it): what PostgreSQL shows in the application names of its sessions. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, as when the machine loses power to the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM and the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/jlis serve did not stop within 20 s of SIGTERM");
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
