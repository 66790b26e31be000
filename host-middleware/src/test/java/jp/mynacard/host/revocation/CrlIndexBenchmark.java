// cd /work/wt-crlindex && mvn -q -B -o -pl host-middleware test-compile && java -Xmx4g -cp host-middleware/target/test-classes:host-middleware/target/classes:$(ls ~/.m2/repository/org/bouncycastle/{bcprov,bcpkix,bcutil}-jdk18on/1.78.1/*.jar | tr '\n' :) jp.mynacard.host.revocation.CrlIndexBenchmark [sizes...]
package jp.mynacard.host.revocation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (not a test): load time, retained heap and lookup time of {@link CrlIndex} against the
 * JDK's {@code CertificateFactory.generateCRL} for 10,000 / 100,000 / 1,000,000-entry CRLs.
 *
 * <p>The CRLs are generated once into {@code target/crl-bench/} by a child JVM ({@code --generate}):
 * an RSA-2048 issuer certificate built with BouncyCastle, and the CRL streamed out by a small DER
 * writer here (random 8-byte positive serials in random order, UTCTime revocation dates, a reasonCode
 * extension on every entry, an invalidityDate on every tenth, cRLNumber), signed SHA256withRSA.
 * Both loaders read the same file through a buffered stream and both check the signature (the JDK
 * side = generateCRL + X509CRL.verify).
 */
public final class CrlIndexBenchmark {
    private static final MemoryMXBean MEM = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--generate")) {
            generate(Path.of(args[1]), Arrays.stream(args).skip(2).mapToInt(Integer::parseInt).toArray());
            return;
        }
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        Path dir = Path.of("host-middleware/target/crl-bench");
        if (!Files.isDirectory(dir.getParent())) {
            dir = Path.of("target/crl-bench");
        }
        List<String> missing = new ArrayList<>();
        for (int n : sizes) {
            if (!Files.exists(dir.resolve("crl-" + n + ".der"))) {
                missing.add(Integer.toString(n));
            }
        }
        if (!missing.isEmpty() || !Files.exists(dir.resolve("issuer.der")) || !Files.exists(dir.resolve("issuer-key.pk8"))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-cp", System.getProperty("java.class.path"), CrlIndexBenchmark.class.getName(),
                    "--generate", dir.toString()));
            cmd.addAll(Files.exists(dir.resolve("issuer-key.pk8")) ? missing
                    : Arrays.stream(sizes).mapToObj(Integer::toString).toList());
            System.out.println("generating CRLs in a child JVM: " + cmd.subList(7, cmd.size()));
            long t0 = System.nanoTime();
            int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("generator failed: " + rc);
            }
            System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        X509Certificate issuer;
        try (InputStream in = Files.newInputStream(dir.resolve("issuer.der"))) {
            issuer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        System.out.printf("JVM %s, %d cpus, max heap %d MiB, GC %s%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList());

        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            Path crl = dir.resolve("crl-" + n + ".der");
            long[] serials = readSerials(dir.resolve("crl-" + n + ".serials"));
            int runs = n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 10;
            System.out.printf("%n== %,d entries, %,d bytes ==%n", n, Files.size(crl));

            // CrlIndex
            double idxLoad = timeLoad(runs, r -> CrlIndex.load(crl, issuer));
            long idxHeap = retained(r -> CrlIndex.load(crl, issuer), o -> { });
            CrlIndex idx = CrlIndex.load(crl, issuer);
            if (idx.size() != n) {
                throw new AssertionError("size " + idx.size());
            }
            BigInteger[] queries = queries(serials, 1_000_000);
            double idxLookup = timeLookups(queries, q -> idx.lookup(q).isPresent());
            System.out.printf("CrlIndex: load %.1f ms, retained %.1f MiB, lookup %.0f ns%n", idxLoad,
                    idxHeap / 1048576.0, idxLookup);
            bench("crl." + n + ".index.load_ms", idxLoad);
            bench("crl." + n + ".index.heap_mib", idxHeap / 1048576.0);
            bench("crl." + n + ".index.lookup_ns", idxLookup);

            // JDK
            String jdkLoad;
            String jdkHeap;
            String jdkLookup;
            double jl = Double.NaN;
            long jh = -1;
            try {
                jl = timeLoad(runs, r -> jdkLoad(variant(crl, r), issuer));
                jh = retained(r -> jdkLoad(variant(crl, VARIANTS - 1), issuer), o -> { });
                X509CRL jdk = jdkLoad(variant(crl, VARIANTS - 2), issuer);
                double jk = timeLookups(queries, q -> jdk.getRevokedCertificate(q) != null);
                // agreement on a sample
                for (int i = 0; i < 2000; i++) {
                    if (idx.lookup(queries[i]).isPresent() != (jdk.getRevokedCertificate(queries[i]) != null)) {
                        throw new AssertionError("disagreement on " + queries[i]);
                    }
                }
                jdkLoad = String.format("%.1f", jl);
                jdkHeap = String.format("%.1f", jh / 1048576.0);
                jdkLookup = String.format("%.0f", jk);
                System.out.printf("JDK X509CRL: load %.1f ms, retained %.1f MiB, lookup %.0f ns%n", jl,
                        jh / 1048576.0, jk);
                bench("crl." + n + ".jdk.load_ms", jl);
                bench("crl." + n + ".jdk.heap_mib", jh / 1048576.0);
                bench("crl." + n + ".jdk.lookup_ns", jk);
            } catch (OutOfMemoryError e) {
                jdkLoad = jdkHeap = jdkLookup = "OOM";
                System.out.println("JDK X509CRL: OutOfMemoryError");
            }
            rows.add(String.format("| %,9d | %8.1f | %8s | %6.1fx | %8.1f | %8s | %6.1fx | %5.1f | %5s | %6.0f | %6s |",
                    n, idxLoad, jdkLoad, jl / idxLoad, idxHeap / 1048576.0, jdkHeap, (double) jh / idxHeap,
                    (double) idxHeap / n, jh < 0 ? "-" : String.format("%.0f", (double) jh / n), idxLookup, jdkLookup));
        }
        System.out.println();
        System.out.println("load = median ms incl. signature check; heap = retained MiB; B/e = bytes per entry;"
                + " lookup = ns per lookup(BigInteger), 50% hits");
        System.out.println("| entries   | idx load | JDK load | speedup | idx heap | JDK heap | heap x  | B/e   | JDK B/e | idx ns | JDK ns |");
        System.out.println("|-----------|----------|----------|---------|----------|----------|---------|-------|---------|--------|--------|");
        rows.forEach(System.out::println);
    }

    /** One machine-readable figure for bin/bench, beside the human-readable lines. */
    private static void bench(String key, double value) {
        System.out.printf(java.util.Locale.ROOT, "BENCH %s %.2f%n", key, value);
    }

    interface Loader {
        Object load(int run) throws Exception;
    }

    /** CertificateFactory caches CRLs whose encoding is under 4 MiB: the JDK side cycles through re-signed variants. */
    static final int VARIANTS = 16;

    static Path variant(Path crl, int run) {
        Path v = crl.resolveSibling(crl.getFileName().toString().replace(".der", "-v" + (run % VARIANTS) + ".der"));
        return Files.exists(v) ? v : crl;
    }

    interface Query {
        boolean test(BigInteger q);
    }

    static X509CRL jdkLoad(Path crl, X509Certificate issuer) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(crl), 1 << 16)) {
            X509CRL c = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            c.verify(issuer.getPublicKey());
            return c;
        }
    }

    static double timeLoad(int runs, Loader l) throws Exception {
        Object warm = l.load(runs); // warm-up
        Reference.reachabilityFence(warm);
        warm = null;
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            gc();
            long t0 = System.nanoTime();
            Object o = l.load(i);
            t[i] = (System.nanoTime() - t0) / 1e6;
            Reference.reachabilityFence(o);
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    static long retained(Loader l, java.util.function.Consumer<Object> hold) throws Exception {
        gc();
        long before = MEM.getHeapMemoryUsage().getUsed();
        Object o = l.load(0);
        gc();
        long after = MEM.getHeapMemoryUsage().getUsed();
        hold.accept(o);
        Reference.reachabilityFence(o);
        return after - before;
    }

    static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static BigInteger[] queries(long[] serials, int count) {
        Set<Long> known = new HashSet<>();
        for (long s : serials) {
            known.add(s);
        }
        Random rnd = new Random(99);
        BigInteger[] q = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            long v;
            if ((i & 1) == 0) {
                v = serials[rnd.nextInt(serials.length)];
            } else {
                do {
                    v = rnd.nextLong() >>> 1;
                } while (known.contains(v));
            }
            q[i] = BigInteger.valueOf(v);
        }
        return q;
    }

    static double timeLookups(BigInteger[] q, Query f) {
        int hits = 0;
        for (int w = 0; w < 2; w++) { // warm-up pass
            for (BigInteger b : q) {
                hits += f.test(b) ? 1 : 0;
            }
        }
        long t0 = System.nanoTime();
        for (int r = 0; r < 3; r++) {
            for (BigInteger b : q) {
                hits += f.test(b) ? 1 : 0;
            }
        }
        double ns = (System.nanoTime() - t0) / (3.0 * q.length);
        if (hits != 5 * q.length / 2) {
            throw new AssertionError("hits " + hits);
        }
        return ns;
    }

    static long[] readSerials(Path p) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p)))) {
            int n = in.readInt();
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = in.readLong();
            }
            return s;
        }
    }

    // ------------------------------------------------------------------ generation (child JVM)

    static void generate(Path dir, int[] sizes) throws Exception {
        Files.createDirectories(dir);
        KeyPair kp = issuerKey(dir);
        TestCrls.Issuer is = TestCrls.issuer("C=JP, O=JPKI, OU=Benchmark, CN=CRL Index Benchmark CA", kp, "SHA256withRSA");
        Files.write(dir.resolve("issuer.der"), is.cert().getEncoded());
        byte[] name = is.cert().getSubjectX500Principal().getEncoded();
        for (int n : sizes) {
            writeCrl(dir, n, name, is.key(), -1);
            if (n <= 50_000) {
                for (int v = 0; v < VARIANTS; v++) {
                    writeCrl(dir, n, name, is.key(), v);
                }
            }
        }
    }

    /**
     * The issuer's key pair, kept beside the CRLs: a later run that adds a size re-issues the
     * issuer certificate, and the CRLs already there must still verify with its key.
     */
    static KeyPair issuerKey(Path dir) throws Exception {
        Path privateKey = dir.resolve("issuer-key.pk8");
        Path publicKey = dir.resolve("issuer-key.spki");
        java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return new KeyPair(rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(publicKey))),
                    rsa.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(privateKey))));
        }
        // CRLs from an earlier run without a kept key would no longer verify: drop them
        try (java.util.stream.Stream<Path> old = Files.list(dir)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith("crl-")).toList()) {
                Files.delete(file);
            }
        }
        KeyPair kp = TestCrls.rsa();
        Files.write(privateKey, kp.getPrivate().getEncoded());
        Files.write(publicKey, kp.getPublic().getEncoded());
        return kp;
    }

    static void writeCrl(Path dir, int n, byte[] issuerName, PrivateKey key, int variant) throws Exception {
        Random rnd = new Random(n);
        long[] serials = new long[n];
        HashSet<Long> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            long v;
            do {
                v = (rnd.nextLong() >>> 1) | (1L << 56); // positive, 8 content bytes
            } while (!seen.add(v));
            serials[i] = v;
        }
        seen = null;
        ByteArrayOutputStream rc = new ByteArrayOutputStream(n * 48);
        byte[] sigAlg = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};
        long base = 1_700_000_000L;
        int[] reasons = {1, 1, 1, 0, 4, 5, 3, 6, 1, 9};
        for (int i = 0; i < n; i++) {
            ByteArrayOutputStream e = new ByteArrayOutputStream(64);
            e.write(tlv(0x02, BigInteger.valueOf(serials[i]).toByteArray()));
            long date = base + rnd.nextInt(200_000_000);
            e.write(tlv(0x17, utc(date)));
            ByteArrayOutputStream ext = new ByteArrayOutputStream();
            ext.write(tlv(0x30, cat(tlv(0x06, new byte[] {0x55, 0x1d, 0x15}),
                    tlv(0x04, tlv(0x0a, new byte[] {(byte) reasons[i % reasons.length]})))));
            if (i % 10 == 0) {
                ext.write(tlv(0x30, cat(tlv(0x06, new byte[] {0x55, 0x1d, 0x18}),
                        tlv(0x04, tlv(0x18, gen(date - 86_400))))));
            }
            e.write(tlv(0x30, ext.toByteArray()));
            rc.write(tlv(0x30, e.toByteArray()));
        }
        ByteArrayOutputStream tbs = new ByteArrayOutputStream(rc.size() + 1024);
        tbs.write(new byte[] {0x02, 0x01, 0x01});
        tbs.write(sigAlg);
        tbs.write(issuerName);
        tbs.write(tlv(0x17, utc(base + 200_000_000)));
        tbs.write(tlv(0x17, utc(base + 200_000_000 + 86_400)));
        tbs.write(tlv(0x30, rc.toByteArray()));
        rc = null;
        byte[] crlNumber = tlv(0x30, cat(tlv(0x06, new byte[] {0x55, 0x1d, 0x14}),
                tlv(0x04, tlv(0x02, BigInteger.valueOf(n * 100L + variant + 1).toByteArray()))));
        tbs.write(tlv(0xa0, tlv(0x30, crlNumber)));
        byte[] tbsDer = tlv(0x30, tbs.toByteArray());
        tbs = null;
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(tbsDer);
        byte[] sig = s.sign();
        byte[] bits = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bits, 1, sig.length);
        byte[] all = tlv(0x30, cat(tbsDer, sigAlg, tlv(0x03, bits)));
        if (variant >= 0) {
            Files.write(dir.resolve("crl-" + n + "-v" + variant + ".der"), all);
            return;
        }
        Files.write(dir.resolve("crl-" + n + ".der"), all);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(dir.resolve("crl-" + n + ".serials"))))) {
            out.writeInt(n);
            for (long v : serials) {
                out.writeLong(v);
            }
        }
        System.out.printf("  crl-%d.der: %,d bytes%n", n, all.length);
    }

    static byte[] utc(long epochSecond) {
        return java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(epochSecond)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] gen(long epochSecond) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(epochSecond)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] tlv(int tag, byte[] v) {
        int n = v.length;
        ByteArrayOutputStream o = new ByteArrayOutputStream(n + 6);
        o.write(tag);
        if (n < 0x80) {
            o.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            o.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                o.write(n >>> (8 * i));
            }
        }
        o.writeBytes(v);
        return o.toByteArray();
    }
}
