// Run (bin/bench does): java -Xmx64m -cp <jlis-simulator test class path> jp.mynacard.jlis.crl.CrlIssuanceBenchmark [entries=1000000]
package jp.mynacard.jlis.crl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import jp.mynacard.jlis.bench.PeakResidentMemory;
import jp.mynacard.jlis.bench.ScratchDirectory;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.SigningProvider;
import jp.mynacard.jlis.registry.RevokedEntry;

/**
 * Issuing one CRL of a million entries: the centre's {@link CrlWriter} (streamed, in this JVM, run
 * with {@code -Xmx64m}) against {@code openssl ca -gencrl} on an index of the same entries, signed
 * by the same CA key. Each is timed from its input to a complete signed file; openssl's peak
 * resident memory is its VmHWM, ours the JVM's peak heap. Prints {@code BENCH crl_issue.*} lines.
 *
 * <p>What differs: openssl parses its text index (which it keeps in memory) and writes PEM, a third
 * larger than DER; it marks an invalidity date with reason keyCompromise ({@code keyTime}), where our
 * entries keep their own reason beside the date. Our input is {@link SyntheticRevocationRegistry}
 * (no database read), its entries made as they are listed.
 */
public final class CrlIssuanceBenchmark {
    private static final DateTimeFormatter INDEX_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    /** openssl reads a compromise time as GeneralizedTime. */
    private static final DateTimeFormatter COMPROMISE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;

    private CrlIssuanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("crl-issue-bench-");
        try {
            CertificateAuthority ca = sharedCa(work);
            System.out.printf("CRL issuance, %,d entries; ours: %s, max heap %,d MiB; peer: %s%n", entries,
                    SigningProvider.chosen().description(), Runtime.getRuntime().maxMemory() >> 20, openSsl("version"));
            ours(ca, entries, work.resolve("ours.crl"));
            openssl(work, entries);
        } finally {
            ScratchDirectory.delete(work);
        }
    }

    private static void ours(CertificateAuthority ca, int entries, Path file) throws IOException {
        SyntheticRevocationRegistry registry = new SyntheticRevocationRegistry(entries);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CrlSpec spec = CrlSpec.full(BigInteger.ONE, now, now.plus(Duration.ofHours(24)), entries,
                URI.create("http://127.0.0.1:8080/crl/sign-delta.crl"));
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            new CrlWriter(HolderCrlEntries.all(registry, USAGE), ca, CrlWriterTest.SCOPE).write(spec, out);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long heapMib = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
        System.out.printf("  CrlWriter (streamed)      %,7d ms  %,12d bytes DER  peak heap %,4d MiB%n", millis,
                Files.size(file), heapMib);
        System.out.printf(Locale.ROOT, "BENCH crl_issue.%d.ours.ms %d%nBENCH crl_issue.%d.ours.mib %d%n",
                entries, millis, entries, heapMib);
    }

    private static void openssl(Path work, int entries) throws Exception {
        Path index = work.resolve("index.txt");
        try (BufferedWriter out = Files.newBufferedWriter(index, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < entries; i++) {
                out.write(indexLine(SyntheticRevocationRegistry.entry(i)));
            }
        }
        Files.writeString(work.resolve("index.txt.attr"), "unique_subject = no\n");
        Files.writeString(work.resolve("crlnumber"), "01\n");
        Files.writeString(work.resolve("ca.cnf"), String.join("\n", "[ ca ]", "default_ca = jpki", "[ jpki ]",
                "database = index.txt", "crlnumber = crlnumber", "default_md = sha256", "default_crl_hours = 24",
                "certificate = ca.pem", "private_key = ca.key", ""));
        Process process = new ProcessBuilder("openssl", "ca", "-config", "ca.cnf", "-gencrl", "-batch", "-out", "peer.crl")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("openssl.log").toFile())
                .start();
        long start = System.nanoTime();
        long peakKib = PeakResidentMemory.follow(process);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("openssl ca -gencrl failed: " + Files.readString(work.resolve("openssl.log")));
        }
        System.out.printf("  openssl ca -gencrl        %,7d ms  %,12d bytes PEM  peak resident %,4d MiB%n", millis,
                Files.size(work.resolve("peer.crl")), peakKib >> 10);
        System.out.printf(Locale.ROOT, "BENCH crl_issue.%d.openssl.ms %d%nBENCH crl_issue.%d.openssl.mib %d%n",
                entries, millis, entries, peakKib >> 10);
    }

    /** openssl ca's index: R, expiry, revocation time (UTCTime only)[,reason[,date]], serial (upper-case hex, whole bytes), file, subject. */
    private static String indexLine(RevokedEntry entry) {
        String revocation = INDEX_TIME.format(entry.revokedAt()) + ","
                + (entry.invalidityDate() != null ? "keyTime," + COMPROMISE_TIME.format(entry.invalidityDate())
                : entry.reason().rfcName());
        String serial = entry.serial().toString(16).toUpperCase(Locale.ROOT);
        return "R\t340331000000Z\t" + revocation + "\t" + (serial.length() % 2 == 0 ? serial : "0" + serial)
                + "\tunknown\t/CN=holder\n";
    }

    /** A CA key made by openssl, for both: each signs with the same RSA-2048 key. */
    private static CertificateAuthority sharedCa(Path work) throws Exception {
        Process process = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-subj", "/C=JP/O=JPKI/CN=Signature CA", "-days", "3650")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("req.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl req failed: " + Files.readString(work.resolve("req.log")));
        }
        String pem = Files.readString(work.resolve("ca.key"));
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(work.resolve("ca.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return CertificateAuthority.restore(key, certificate);
    }

    private static String openSsl(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Stream.concat(Stream.of("openssl"), Stream.of(args)).toList())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return output;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }
}
