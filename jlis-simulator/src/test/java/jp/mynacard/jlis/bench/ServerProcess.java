package jp.mynacard.jlis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test as a separate process: {@code bin/jlis serve} or {@code openssl ocsp}. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");

    private final String name;
    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(String name, Process process, InetSocketAddress address) {
        this.name = name;
        this.process = process;
        this.address = address;
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return address;
    }

    /** The pid whose CPU time (with its descendants') is the server's. */
    long pid() {
        return process.pid();
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/jlis"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/jlis not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** {@code bin/jlis serve} on a data directory; ready when it prints its URL and "ready". */
    static ServerProcess centre(Path data, int threads) throws IOException, InterruptedException {
        return centre(data, threads, java.util.Map.of());
    }

    /** @param environment added to the centre's, e.g. the registry's MYNACARD_JDBC_URL */
    static ServerProcess centre(Path data, int threads, java.util.Map<String, String> environment, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("bin/jlis").toString(), "serve", "--data",
                data.toString(), "--port", "0", "--threads", Integer.toString(threads)));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        BlockingQueue<String> lines = pump(process, "centre-output");
        List<String> seen = new ArrayList<>();
        URI uri = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
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
                return new ServerProcess("centre", process, new InetSocketAddress(uri.getHost(), uri.getPort()));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("bin/jlis serve did not get ready: " + seen);
    }

    /** {@code openssl ocsp -index ...} as a responder, optionally with {@code -multi N} processes. */
    static ServerProcess openssl(Path dir, int multi) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-index", "index.txt", "-port",
                Integer.toString(port), "-rsigner", "responder.pem", "-rkey", "responder.key", "-CA", "ca.pem",
                "-ndays", "1"));
        if (multi > 1) {
            command.addAll(List.of("-multi", Integer.toString(multi)));
        }
        Path log = dir.resolve("openssl-" + port + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("openssl ocsp exited: " + Files.readString(log));
            }
            // a bare connect would be taken for a client by the one-at-a-time responder: wait for its
            // "ACCEPT [::]:port PID=n" line (with -multi the rest of its log goes to syslog)
            if (Files.readString(log).contains("ACCEPT")) {
                Thread.sleep(500); // let it (and with -multi its children) reach accept()
                return new ServerProcess("openssl" + (multi > 1 ? " -multi " + multi : ""), process, address);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("openssl ocsp did not start: " + Files.readString(log));
    }

    private static BlockingQueue<String> pump(Process process, String name) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed)");
            }
        }, name);
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
