package jp.mynacard.jlis.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One closed-loop load run: {@code clients} threads, each with its own connection, each sending
 * the next request as soon as the previous response is read, for a warm-up and then a measured
 * window. A response counts when it completes inside the window; its latency is from just before
 * the request is written (including the TCP connect when the server closed the previous
 * connection) to the last byte of the response read. Every response is checked for
 * responseStatus successful; one in {@link #VERIFY_EVERY} is fully verified (status as expected,
 * nonce echoed, signatures) outside the timed part, and any failure is an error.
 */
final class LoadRun {
    static final int VERIFY_EVERY = 32;

    record Result(long responses, double perSecond, double p50Millis, double p99Millis, double maxMillis, long errors,
                  long verified, long connections, double serverCores, double clientCores, String firstError) {
    }

    private LoadRun() {
    }

    static Result run(InetSocketAddress address, String path, OcspRequestSet requests, boolean nonced, int clients,
                      Duration warmUp, Duration window, long serverPid) throws InterruptedException {
        return run(List.of(address), path, requests, nonced, clients, warmUp, window, List.of(serverPid));
    }

    /**
     * The same against several servers answering alike (responders behind a load balancer): client i
     * asks server i mod n, and the server CPU is that of all of them.
     */
    static Result run(List<InetSocketAddress> addresses, String path, OcspRequestSet requests, boolean nonced,
                      int clients, Duration warmUp, Duration window, List<Long> serverPids) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + window.toNanos();
        Worker[] workers = new Worker[clients];
        AtomicReference<String> firstError = new AtomicReference<>();
        for (int i = 0; i < clients; i++) {
            workers[i] = new Worker(addresses.get(i % addresses.size()), path, requests, nonced, windowStart, windowEnd,
                    firstError);
            workers[i].setName("load-" + i);
            workers[i].start();
        }
        sleepUntil(windowStart);
        long serverCpu0 = CpuTime.ofTrees(serverPids);
        long clientCpu0 = CpuTime.ofSelf();
        long wall0 = System.nanoTime();
        sleepUntil(windowEnd);
        long serverCpu1 = CpuTime.ofTrees(serverPids);
        long clientCpu1 = CpuTime.ofSelf();
        long wall1 = System.nanoTime();
        for (Worker worker : workers) {
            worker.join();
        }
        long responses = 0;
        long errors = 0;
        long verified = 0;
        long connections = 0;
        int samples = 0;
        for (Worker worker : workers) {
            responses += worker.count;
            errors += worker.errors;
            verified += worker.verified;
            connections += worker.client.connections;
            samples += worker.count;
        }
        long[] latencies = new long[samples];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.count);
            at += worker.count;
        }
        Arrays.sort(latencies);
        double seconds = window.toNanos() / 1e9;
        double wall = (wall1 - wall0) / 1e9;
        return new Result(responses, responses / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6, errors, verified,
                connections, (serverCpu1 - serverCpu0) / 1e9 / wall, (clientCpu1 - clientCpu0) / 1e9 / wall,
                firstError.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }

    private static final class Worker extends Thread {
        private final HttpOcspClient client;
        private final OcspRequestSet requests;
        private final boolean nonced;
        private final long windowStart;
        private final long windowEnd;
        private final AtomicReference<String> firstError;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;
        long verified;

        Worker(InetSocketAddress address, String path, OcspRequestSet requests, boolean nonced, long windowStart,
               long windowEnd, AtomicReference<String> firstError) {
            this.client = new HttpOcspClient(address, path);
            this.requests = requests;
            this.nonced = nonced;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.firstError = firstError;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] nonce = new byte[OcspRequestSet.NONCE_BYTES];
            long sent = 0;
            try (client) {
                while (true) {
                    OcspRequestSet.Target target = requests.random();
                    byte[] request = nonced ? target.withFreshNonce(nonce) : target.plain();
                    long t0 = System.nanoTime();
                    if (t0 >= windowEnd) {
                        return;
                    }
                    String error = null;
                    HttpOcspClient.Response response = null;
                    try {
                        response = client.post(request);
                    } catch (IOException | RuntimeException e) {
                        error = e.toString();
                        client.disconnect();
                    }
                    long t1 = System.nanoTime();
                    if (error == null && response.status() != 200) {
                        error = "HTTP " + response.status();
                    }
                    if (error == null && !OcspRequestSet.successful(response.body())) {
                        error = "not a successful OCSPResponse (" + response.body().length + " bytes)";
                    }
                    if (error == null && sent++ % VERIFY_EVERY == 0) {
                        error = requests.verify(target, response.body(), nonced ? nonce : null);
                        verified++;
                    }
                    boolean inWindow = t1 >= windowStart && t1 < windowEnd;
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                        if (inWindow || t1 < windowStart) {
                            errors++;
                        }
                        sleepQuietly();
                    } else if (inWindow) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t1 - t0;
                    }
                }
            }
        }

        private static void sleepQuietly() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPU time (user + system) from /proc, in nanoseconds. */
    static final class CpuTime {
        private static final long TICK_NANOS = 1_000_000_000L / clockTicks();

        private CpuTime() {
        }

        static long ofSelf() {
            return ofPid(ProcessHandle.current().pid());
        }

        static long ofTrees(List<Long> pids) {
            return pids.stream().mapToLong(CpuTime::ofTree).sum();
        }

        /** The process and all its descendants (openssl ocsp -multi forks its responders). */
        static long ofTree(long pid) {
            long total = ofPid(pid);
            List<ProcessHandle> children = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(children::add));
            for (ProcessHandle child : children) {
                total += ofPid(child.pid());
            }
            return total;
        }

        private static long ofPid(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor();
                return Long.parseLong(out);
            } catch (Exception e) {
                return 100;
            }
        }
    }
}
