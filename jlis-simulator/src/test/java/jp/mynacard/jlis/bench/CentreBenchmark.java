// Run: bin/bench-centre [--certificates 1000] [--seconds 10] [--warmup 2] [--clients 2,8] [--threads 16]
//                       [--crl-entries 1000000] [--no-crl] [--no-openssl] [--openssl-multi N (default: cores)]
//                       [--no-openssl-single] [--no-openssl-multi]
package jp.mynacard.jlis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.OcspResponderCertificates;
import jp.mynacard.jlis.ocsp.OcspSigningIdentity;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;

/**
 * OCSP responses per second and latency of the centre ({@code bin/jlis serve}, a separate JVM)
 * and of {@code openssl ocsp -index} (one process, and {@code -multi N} with N the cores, as its
 * users run it on a multi-core server: one process answers one request at a time) answering for the same
 * certificates, signed by the same CA, driven by the same Java load generator ({@link LoadRun});
 * then the time and peak heap of a 1,000,000-entry CRL in a child JVM with {@code -Xmx64m}.
 * Not a test: {@code bin/bench-centre} builds and runs it; see docs/centre-benchmarks.md.
 */
public final class CentreBenchmark {
    private static final DateTimeFormatter INDEX_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private CentreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int certificates = Integer.parseInt(options.getOrDefault("certificates", "1000"));
        Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "2")));
        int[] clients = Stream.of(options.getOrDefault("clients", "2,8").split(",")).mapToInt(Integer::parseInt).toArray();
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int crlEntries = Integer.parseInt(options.getOrDefault("crl-entries", "1000000"));
        int opensslProcesses = Integer.parseInt(options.getOrDefault("openssl-multi",
                Integer.toString(Runtime.getRuntime().availableProcessors())));

        System.out.printf("centre benchmark: %d CPUs, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), openSslVersion());
        Path work = Files.createTempDirectory("centre-bench-");
        Path data = work.resolve("data");
        Path opensslDir = Files.createDirectories(work.resolve("openssl"));
        try {
            Population population = populate(data, certificates);
            writeOpenSslFiles(data, opensslDir, population);
            OcspRequestSet requests = OcspRequestSet.build(population.ca(), population.serials(), population.revoked().keySet());
            System.out.printf("%,d signature certificates, %,d revoked; %s warm-up + %s measured per row; "
                    + "full verification of 1 in %d responses%n", certificates, population.revoked().size(),
                    warmUp, window, LoadRun.VERIFY_EVERY);

            List<String[]> rows = new ArrayList<>();
            try (ServerProcess centre = ServerProcess.centre(data, threads)) {
                measure(centre, "centre (" + threads + " HTTP threads)", requests, clients, warmUp, window, rows);
            }
            if (!options.containsKey("no-openssl") && !options.containsKey("no-openssl-single")) {
                try (ServerProcess openssl = ServerProcess.openssl(opensslDir, 1)) {
                    measure(openssl, "openssl ocsp", requests, clients, warmUp, window, rows);
                }
            }
            if (!options.containsKey("no-openssl") && !options.containsKey("no-openssl-multi")) {
                try (ServerProcess openssl = ServerProcess.openssl(opensslDir, opensslProcesses)) {
                    measure(openssl, "openssl ocsp -multi " + opensslProcesses, requests, clients, warmUp, window, rows);
                }
            }
            printTable(rows);
        } finally {
            ScratchDirectory.delete(work);
        }
        if (!options.containsKey("no-crl")) {
            crl(crlEntries);
        }
    }

    private record Population(X509Certificate ca, List<BigInteger> serials, Map<BigInteger, CertificateRecord> revoked,
                              Map<BigInteger, X509Certificate> issued) {
    }

    /** Issues in-process into the data directory the server process will then open, and revokes one in ten. */
    private static Population populate(Path data, int count) throws Exception {
        long start = System.nanoTime();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair holderKey = generator.generateKeyPair();
        List<BigInteger> serials = new ArrayList<>();
        Map<BigInteger, X509Certificate> issued = new LinkedHashMap<>();
        Map<BigInteger, CertificateRecord> revoked = new LinkedHashMap<>();
        X509Certificate ca;
        try (Centre centre = Centre.start(CentreConfiguration.embedded(data))) {
            ca = centre.administration().authorityCertificate("sign");
            for (int i = 0; i < count; i++) {
                X509Certificate certificate = centre.administration().issue(CertificateUsage.SIGNATURE,
                        Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31), holderKey.getPublic());
                serials.add(certificate.getSerialNumber());
                issued.put(certificate.getSerialNumber(), certificate);
            }
            List<BigInteger> shuffled = new ArrayList<>(serials);
            Collections.shuffle(shuffled, new java.util.Random(42));
            for (BigInteger serial : shuffled.subList(0, count / 10)) {
                revoked.put(serial, centre.administration().revoke(serial, Optional.empty(),
                        RevocationReason.KEY_COMPROMISE, null));
            }
        }
        System.out.printf("populated %s in %,d ms%n", data, (System.nanoTime() - start) / 1_000_000);
        return new Population(ca, serials, revoked, issued);
    }

    /**
     * What {@code openssl ocsp} needs to answer for the same certificates: the sign CA, a delegated
     * responder certificate issued by that CA's own key (from the centre's key store) just as the
     * centre issues its own at every start, and an {@code openssl ca} index of the certificates.
     */
    private static void writeOpenSslFiles(Path data, Path dir, Population population) throws Exception {
        char[] password = Files.readString(data.resolve("keys/keystore.pass"), StandardCharsets.US_ASCII).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("keys/centre.p12"))) {
            store.load(in, password);
        }
        PrivateKey caKey = (PrivateKey) store.getKey("sign-ca", password);
        X509Certificate caCertificate = (X509Certificate) store.getCertificate("sign-ca");
        if (!caCertificate.equals(population.ca())) {
            throw new IllegalStateException("the key store's sign CA is not the one that issued the certificates");
        }
        OcspSigningIdentity responder = OcspResponderCertificates.issue(CertificateAuthority.restore(caKey, caCertificate),
                CertificateUsage.SIGNATURE, Clock.systemUTC());
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", caCertificate.getEncoded()));
        Files.writeString(dir.resolve("responder.pem"), pem("CERTIFICATE", responder.certificate().getEncoded()));
        Files.writeString(dir.resolve("responder.key"), pem("PRIVATE KEY", responder.key().getEncoded()));
        // openssl ca's index: status, expiry, revocation[,reason], serial (BN_bn2hex: upper case, whole
        // bytes), file name, subject. The certificates all have the sample holder's subject, which
        // openssl's default unique_subject would reject, hence the .attr file (as openssl ca writes it).
        StringBuilder index = new StringBuilder();
        for (BigInteger serial : population.serials()) {
            X509Certificate certificate = population.issued().get(serial);
            CertificateRecord revocation = population.revoked().get(serial);
            String expiry = INDEX_TIME.format(certificate.getNotAfter().toInstant());
            String revokedAt = revocation == null ? "" : INDEX_TIME.format(revocation.revokedAt()) + ",keyCompromise";
            index.append(revocation == null ? 'V' : 'R').append('\t').append(expiry).append('\t').append(revokedAt)
                    .append('\t').append(serialHex(serial)).append("\tunknown\t")
                    .append("/C=JP/O=JPKI/CN=holder ").append(serialHex(serial)).append('\n');
        }
        Files.writeString(dir.resolve("index.txt"), index);
        Files.writeString(dir.resolve("index.txt.attr"), "unique_subject = no\n");
    }

    private static void measure(ServerProcess server, String label, OcspRequestSet requests, int[] clients,
                                Duration warmUp, Duration window, List<String[]> rows) throws Exception {
        // every certificate once, fully verified: proves the server answers for all of them as expected,
        // and fills the centre's pre-signed cache so that the "pre-signed" rows measure only cache hits
        long start = System.nanoTime();
        try (HttpOcspClient client = new HttpOcspClient(server.address(), "/ocsp")) {
            for (OcspRequestSet.Target target : requests.targets()) {
                HttpOcspClient.Response response = client.post(target.plain());
                String error = response.status() != 200 ? "HTTP " + response.status()
                        : requests.verify(target, response.body(), null);
                if (error != null) {
                    throw new IllegalStateException(label + " answered " + target.serial().toString(16) + " wrongly: " + error);
                }
            }
        }
        System.out.printf("%s at %s: all %,d certificates answered as expected (%,d ms)%n", label, server.address(),
                requests.targets().size(), (System.nanoTime() - start) / 1_000_000);
        for (boolean nonced : new boolean[] {false, true}) {
            for (int n : clients) {
                LoadRun.Result r = LoadRun.run(server.address(), "/ocsp", requests, nonced, n, warmUp, window, server.pid());
                String kind = nonced ? "nonce: fresh signature" : "no nonce: pre-signed";
                String[] row = {label, kind, Integer.toString(n), String.format("%,.0f", r.perSecond()),
                        String.format("%.2f", r.p50Millis()), String.format("%.2f", r.p99Millis()),
                        String.format("%.1f", r.maxMillis()), Long.toString(r.errors()),
                        String.format("%.2f", r.serverCores()), String.format("%.2f", r.clientCores()),
                        String.format("%,.0f", r.serverCores() > 0 ? r.perSecond() / r.serverCores() : Double.NaN),
                        String.format("%,d", r.connections())};
                rows.add(row);
                // machine-readable figures for bin/bench: BENCH ocsp.<server>.<request>.<clients>.<figure> value
                String key = "ocsp." + serverKey(label) + "." + (nonced ? "nonce" : "presigned") + "." + n + ".";
                System.out.printf(java.util.Locale.ROOT, "BENCH %srps %.1f%nBENCH %sp50_ms %.3f%nBENCH %sp99_ms %.3f%n"
                        + "BENCH %serrors %d%nBENCH %sresponses %d%n", key, r.perSecond(), key, r.p50Millis(), key,
                        r.p99Millis(), key, r.errors(), key, r.responses());
                System.out.println("  " + String.join(" | ", row)
                        + (r.firstError() != null ? "   first error: " + r.firstError() : ""));
            }
        }
    }

    private static String serverKey(String label) {
        return label.startsWith("centre") ? "centre" : label.contains("-multi") ? "openssl_multi" : "openssl";
    }

    private static void printTable(List<String[]> rows) {
        String[] head = {"server", "request", "clients", "responses/s", "p50 ms", "p99 ms", "max ms", "errors",
                "server CPU", "client CPU", "resp/server-CPU-s", "connections"};
        MarkdownTable.print(head, rows, 2);
        System.out.println("server/client CPU: cores busy during the measured window (utime+stime from /proc, the server"
                + " process with its children); connections: TCP connections the clients opened, warm-up included");
    }

    /** The existing CRL benchmark, streamed writer, in a child JVM whose heap is capped at 64 MiB. */
    private static void crl(int entries) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "jp.mynacard.jlis.crl.CrlBenchmark", Integer.toString(entries), "streaming");
        System.out.println();
        System.out.println("CRL of " + String.format("%,d", entries) + " entries (jp.mynacard.jlis.crl.CrlBenchmark, child JVM -Xmx64m):");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        output.lines().forEach(line -> System.out.println("  " + line));
        System.out.printf("  child JVM exit status %d, %,d ms including JVM start and CA key generation%n", status,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String serialHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String openSslVersion() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return version;
        } catch (IOException | InterruptedException e) {
            return "openssl: " + e.getMessage();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.startsWith("no-")) {
                options.put(name, "");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }
}
