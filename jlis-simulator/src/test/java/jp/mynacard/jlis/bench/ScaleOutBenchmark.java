// Run (PostgreSQL from MYNACARD_TEST_POSTGRES_URL, _USER, _PASSWORD):
//   java -cp "$(classpath jlis-simulator)" jp.mynacard.jlis.bench.ScaleOutBenchmark [--certificates 1000]
//        [--seconds 10] [--warmup 2] [--clients 16] [--threads 16] [--responders 3]
package jp.mynacard.jlis.bench;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.it.PostgresSchema;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;

/**
 * Aggregate OCSP throughput of 1, 2, … {@code bin/jlis serve} processes on one PostgreSQL registry
 * and one data directory, as behind a load balancer: the same closed-loop clients ({@link LoadRun})
 * spread round-robin over the responders, no nonce (pre-signed answers, each responder's own cache
 * warmed first). Printed as {@code BENCH ocsp.scaleout.presigned.<responders>.<figure> <value>} lines
 * for bin/bench and as a table. On one machine the responders share its cores with each other and
 * with the load generator, so the figures show what a responder costs, not a speed-up.
 * Not a test; skipped, with the reason, when no PostgreSQL is given.
 */
public final class ScaleOutBenchmark {
    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int certificates = Integer.parseInt(options.getOrDefault("certificates", "1000"));
        Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "2")));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int maxResponders = Integer.parseInt(options.getOrDefault("responders", "3"));
        if (!PostgresSchema.configured()) {
            System.out.println("scale-out benchmark skipped: " + PostgresSchema.howToConfigure());
            return;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        System.out.printf("scale-out benchmark: %d CPUs, %s; PostgreSQL %s%n", cpus,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), PostgresSchema.serverAddress());
        Path work = Files.createTempDirectory("scale-out-bench-");
        Path data = work.resolve("data");
        try (PostgresSchema schema = PostgresSchema.create("scale_bench")) {
            Population population = populate(data, schema, certificates);
            OcspRequestSet requests = OcspRequestSet.build(population.ca(), population.serials(), population.revoked());
            System.out.printf("%,d signature certificates, %,d revoked; %d clients round-robin over the responders; "
                    + "%s warm-up + %s measured per row; full verification of 1 in %d responses%n", certificates,
                    population.revoked().size(), clients, warmUp, window, LoadRun.VERIFY_EVERY);
            Map<String, String> environment = Map.of("MYNACARD_JDBC_URL", schema.url(), "MYNACARD_JDBC_USER",
                    schema.user(), "MYNACARD_JDBC_PASSWORD", schema.password());
            List<ServerProcess> responders = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            List<Double> busy = new ArrayList<>();
            double single = Double.NaN;
            try {
                for (int count = 1; count <= maxResponders; count++) {
                    ServerProcess added = ServerProcess.centre(data, threads, environment);
                    responders.add(added);
                    warm(added, requests);
                    LoadRun.Result r = LoadRun.run(responders.stream().map(ServerProcess::address).toList(), "/ocsp",
                            requests, false, clients, warmUp, window, responders.stream().map(ServerProcess::pid).toList());
                    if (count == 1) {
                        single = r.perSecond();
                    }
                    rows.add(row(count, clients, r, single));
                    busy.add(r.serverCores() + r.clientCores());
                    report(count, r);
                }
            } finally {
                for (ServerProcess responder : responders) {
                    responder.close();
                }
            }
            printTable(rows, cpus, busy);
        } finally {
            ScratchDirectory.delete(work);
        }
    }

    private record Population(X509Certificate ca, List<BigInteger> serials, Set<BigInteger> revoked) {
    }

    /** Issues in-process on the registry and data directory the responders then share, and revokes one in ten. */
    private static Population populate(Path data, PostgresSchema schema, int count) throws Exception {
        long start = System.nanoTime();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair holderKey = generator.generateKeyPair();
        List<BigInteger> serials = new ArrayList<>();
        Set<BigInteger> revoked = new LinkedHashSet<>();
        X509Certificate ca;
        CentreConfiguration configuration = CentreConfiguration.embedded(data)
                .withJdbc(schema.url(), schema.user(), schema.password());
        try (Centre centre = Centre.start(configuration)) {
            ca = centre.administration().authorityCertificate("sign");
            for (int i = 0; i < count; i++) {
                serials.add(centre.administration().issue(CertificateUsage.SIGNATURE, Holder.sample().basicAttributes(),
                        LocalDate.of(2034, 3, 31), holderKey.getPublic()).getSerialNumber());
            }
            List<BigInteger> shuffled = new ArrayList<>(serials);
            Collections.shuffle(shuffled, new java.util.Random(42));
            for (BigInteger serial : shuffled.subList(0, count / 10)) {
                centre.administration().revoke(serial, Optional.empty(), RevocationReason.KEY_COMPROMISE, null);
                revoked.add(serial);
            }
        }
        System.out.printf("populated %s and schema %s in %,d ms%n", data, schema.name(),
                (System.nanoTime() - start) / 1_000_000);
        return new Population(ca, serials, revoked);
    }

    /** Every certificate once, fully verified: the responder answers all as expected, and its pre-signed cache is full. */
    private static void warm(ServerProcess responder, OcspRequestSet requests) throws Exception {
        long start = System.nanoTime();
        try (HttpOcspClient client = new HttpOcspClient(responder.address(), "/ocsp")) {
            for (OcspRequestSet.Target target : requests.targets()) {
                HttpOcspClient.Response response = client.post(target.plain());
                String error = response.status() != 200 ? "HTTP " + response.status()
                        : requests.verify(target, response.body(), null);
                if (error != null) {
                    throw new IllegalStateException("responder at " + responder.address() + " answered "
                            + target.serial().toString(16) + " wrongly: " + error);
                }
            }
        }
        System.out.printf("responder at %s: all %,d certificates answered as expected (%,d ms)%n", responder.address(),
                requests.targets().size(), (System.nanoTime() - start) / 1_000_000);
    }

    private static String[] row(int responders, int clients, LoadRun.Result r, double single) {
        return new String[] {Integer.toString(responders), Integer.toString(clients), String.format("%,.0f", r.perSecond()),
                String.format("%.2f", r.perSecond() / single), String.format("%.2f", r.p50Millis()),
                String.format("%.2f", r.p99Millis()), String.format("%.1f", r.maxMillis()), Long.toString(r.errors()),
                String.format("%.2f", r.serverCores()), String.format("%.2f", r.clientCores()),
                String.format("%,.0f", r.serverCores() > 0 ? r.perSecond() / r.serverCores() : Double.NaN),
                String.format("%.0f", serverMicrosPerResponse(r)), String.format("%,d", r.connections())};
    }

    /** What a response costs the responders: their CPU time over the window, per response. */
    private static double serverMicrosPerResponse(LoadRun.Result r) {
        return r.perSecond() > 0 ? r.serverCores() * 1e6 / r.perSecond() : Double.NaN;
    }

    /** Machine-readable figures for bin/bench: BENCH ocsp.scaleout.presigned.<responders>.<figure> value. */
    private static void report(int responders, LoadRun.Result r) {
        String key = "ocsp.scaleout.presigned." + responders + ".";
        System.out.printf(Locale.ROOT, "BENCH %srps %.1f%nBENCH %sp50_ms %.3f%nBENCH %sp99_ms %.3f%nBENCH %serrors %d%n"
                        + "BENCH %sresponses %d%nBENCH %sserver_cores %.2f%nBENCH %srps_per_server_core %.1f%n"
                        + "BENCH %sserver_cpu_us_per_response %.1f%n",
                key, r.perSecond(), key, r.p50Millis(), key, r.p99Millis(), key, r.errors(), key, r.responses(), key,
                r.serverCores(), key, r.serverCores() > 0 ? r.perSecond() / r.serverCores() : Double.NaN, key,
                serverMicrosPerResponse(r));
        System.out.printf("  %d responder(s): %,.0f responses/s, p50 %.2f ms, p99 %.2f ms, %d errors%s%n", responders,
                r.perSecond(), r.p50Millis(), r.p99Millis(), r.errors(),
                r.firstError() != null ? "   first error: " + r.firstError() : "");
    }

    private static void printTable(List<String[]> rows, int cpus, List<Double> busy) {
        String[] head = {"responders", "clients", "responses/s", "vs 1", "p50 ms", "p99 ms", "max ms", "errors",
                "server CPU", "client CPU", "resp/server-CPU-s", "server CPU µs/resp", "connections"};
        MarkdownTable.print(head, rows, 0);
        System.out.println("server CPU: cores busy in all responder processes during the measured window; client CPU: the"
                + " load generator's; vs 1: responses/s against one responder.");
        System.out.printf("note: %d CPU%s here, shared by every responder and the load generator (busy: %s cores in the"
                + " rows above). More responders bring no more cores on one machine, so these rows are not a speed-up to"
                + " expect: they show what a response costs with N responders (server CPU µs per response) and the"
                + " latency. A rise in responses/s on one machine comes from limits inside one process (its HTTP"
                + " server, its threads' contention) that several processes side-step on the same cores; capacity grows"
                + " only with responders on cores of their own (other machines behind the load balancer).%n", cpus,
                cpus == 1 ? "" : "s", String.join(", ", busy.stream().map(b -> String.format("%.2f", b)).toList()));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs, not " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
