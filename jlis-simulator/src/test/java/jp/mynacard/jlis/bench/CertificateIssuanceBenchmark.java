// Run (bin/bench does): java -cp <jlis-simulator test class path> jp.mynacard.jlis.bench.CertificateIssuanceBenchmark [certificates=2000]
package jp.mynacard.jlis.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.SigningProvider;
import jp.mynacard.model.holder.Holder;

/**
 * Holder certificates issued per second: the centre's issuing desk (in process, embedded SQLite
 * registry) against {@code openssl ca -infiles}, one process signing a batch of requests, as an
 * operator of a small CA runs it. Prints {@code BENCH cert_issue.*} lines.
 *
 * <p>What differs: each of ours is a JPKI signature certificate (the holder's four attributes in
 * subjectAltName, policies, CDP, AIA) committed to the registry with fsync before the call returns;
 * openssl's carries a few extensions of the same kinds and is written to its text index once, at
 * the end of the batch, without fsync. Both sign with RSA-2048 SHA-256, one caller at a time.
 */
public final class CertificateIssuanceBenchmark {
    private CertificateIssuanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path work = Files.createTempDirectory("cert-issue-bench-");
        try {
            System.out.printf("certificate issuance, %,d certificates, one caller; ours signs with %s%n", count,
                    SigningProvider.chosen().description());
            double ours = ours(work.resolve("centre"), count);
            double peer = openssl(Files.createDirectories(work.resolve("openssl")), count);
            System.out.printf("  centre issuing desk (SQLite, fsync per certificate) %,8.0f certificates/s%n", ours);
            System.out.printf("  openssl ca -infiles (text index, written once)      %,8.0f certificates/s%n", peer);
            System.out.printf(Locale.ROOT, "BENCH cert_issue.ours.per_s %.1f%nBENCH cert_issue.openssl.per_s %.1f%n",
                    ours, peer);
        } finally {
            ScratchDirectory.delete(work);
        }
    }

    private static double ours(Path data, int count) throws Exception {
        KeyPair holderKey = SigningProvider.chosen().rsaKeyPairGenerator().generateKeyPair();
        try (Centre centre = Centre.start(CentreConfiguration.embedded(data))) {
            // warm-up: class loading and JIT, as a running centre has done long before
            for (int i = 0; i < Math.min(100, count); i++) {
                issue(centre, holderKey);
            }
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                issue(centre, holderKey);
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void issue(Centre centre, KeyPair holderKey) {
        centre.administration().issue(CertificateUsage.SIGNATURE, Holder.sample().basicAttributes(),
                LocalDate.of(2034, 3, 31), holderKey.getPublic());
    }

    private static double openssl(Path dir, int count) throws Exception {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-subj", "/C=JP/O=JPKI/CN=Signature CA", "-days", "3650");
        run(dir, "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "holder.key", "-out", "holder.csr",
                "-subj", "/C=JP/CN=holder");
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("index.txt.attr"), "unique_subject = no\n");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), String.join("\n", "[ ca ]", "default_ca = jpki", "[ jpki ]",
                "database = index.txt", "serial = serial", "new_certs_dir = certs", "default_md = sha256",
                "certificate = ca.pem", "private_key = ca.key", "policy = any", "x509_extensions = holder",
                "default_days = 3000", "[ any ]", "commonName = supplied", "[ holder ]",
                "basicConstraints = critical, CA:FALSE", "keyUsage = critical, nonRepudiation",
                "certificatePolicies = 1.2.392.200149.8.5.1.1.10", "subjectAltName = otherName:1.2.392.200149.8.5.5.1;"
                        + "UTF8:sample holder name and address",
                "crlDistributionPoints = URI:http://127.0.0.1:8080/crl/sign.crl",
                "authorityInfoAccess = OCSP;URI:http://127.0.0.1:8080/ocsp", ""));
        List<String> command = new ArrayList<>(List.of("openssl", "ca", "-config", "ca.cnf", "-batch", "-notext",
                "-out", "issued.pem", "-infiles"));
        for (int i = 0; i < count; i++) {
            command.add("holder.csr");
        }
        long start = System.nanoTime();
        run(dir, command.toArray(String[]::new));
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        long issued = Files.readAllLines(dir.resolve("index.txt")).size();
        if (issued != count) {
            throw new IllegalStateException("openssl ca issued " + issued + " certificates, not " + count);
        }
        return perSecond;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.length > 12 ? List.of(command).subList(0, 12)
                    : List.of(command)) + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
