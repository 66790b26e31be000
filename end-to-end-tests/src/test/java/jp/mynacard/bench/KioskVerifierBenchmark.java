// Run: bin/bench (the kiosk verifier row), or alone with the simulator-tests test classpath:
//   java -cp ... jp.mynacard.bench.KioskVerifierBenchmark [--clients 16] [--responses 3000] [--seconds 10]
package jp.mynacard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jp.mynacard.host.kiosk.AuthenticationResponse;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.kiosk.Verdict;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.holder.Holder;

/**
 * Authentications per second of the service side of コンビニ交付 ({@link HolderVerifier#verify(String)}:
 * JSON, challenge redemption, signature check, certificate validation by OCSP with a nonce over
 * HTTP against an in-process centre) under {@code --clients} concurrent callers, with p50/p99.
 *
 * <p>The card's part is done beforehand: holders' user-authentication certificates are issued by
 * the centre for software keys standing in for the cards' keys, and a pool of responses, each to a
 * fresh challenge of this verifier, is signed before the clock starts, so that the figure is the
 * verifier's and the centre's, not jcardsim's RSA. Every verdict must be an acceptance; any other
 * is counted as an error. Not a test: see docs/benchmarks.md.
 */
public final class KioskVerifierBenchmark {
    private static final int HOLDERS = 20;
    private static final int WARMUP = 200;
    /** Read by the JDK's revocation checker at each validation (JDK 17+): a fresh nonce in every OCSP request. */
    private static final String JDK_NONCE = "jdk.security.certpath.ocspNonce";

    private KioskVerifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = option(args, "--clients", 16);
        int responses = option(args, "--responses", 3000);
        int seconds = option(args, "--seconds", 10);
        int warmup = Math.min(WARMUP, responses);
        Path dir = Files.createTempDirectory("bench-kiosk-");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir))) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            List<KeyPair> keys = new ArrayList<>();
            List<byte[]> certificates = new ArrayList<>();
            for (int i = 0; i < HOLDERS; i++) {
                KeyPair key = generator.generateKeyPair();
                keys.add(key);
                certificates.add(issue(centre, key).getEncoded());
            }
            X509Certificate authorityCertificate = centre.administration().authorityCertificate("auth");
            CertificateValidator validator = CertificateValidator.builder()
                    .trustAnchors(List.of(authorityCertificate)).build();
            HolderVerifier verifier = new HolderVerifier("bench 証明書交付", validator, Clock.systemUTC(),
                    Duration.ofHours(1), warmup + responses + 2);
            long signing = System.nanoTime();
            // signed once: the peers redeem the same challenges in their own books
            List<Challenge> challenges = new ArrayList<>();
            for (int i = 0; i < warmup + responses; i++) {
                challenges.add(verifier.challenge());
            }
            List<String> signed = IntStream.range(0, challenges.size()).parallel().mapToObj(i -> respond(
                    challenges.get(i), keys.get(i % HOLDERS), certificates.get(i % HOLDERS))).toList();
            System.out.printf(Locale.ROOT, "kiosk verifier: %d holders, %,d responses (+%d warm-up) signed in %,d ms,"
                    + " %d clients, at most %d s each for this project and 2 JDK peers%n", HOLDERS, responses, warmup,
                    (System.nanoTime() - signing) / 1_000_000, clients, seconds);
            JdkPkixPeer jdk = new JdkPkixPeer(authorityCertificate);
            JdkPkixPeer jdkNonce = new JdkPkixPeer(authorityCertificate);
            challenges.forEach(jdk::expect);
            challenges.forEach(jdkNonce::expect);
            String cache = cacheProbe(centre, jdk, verifier, generator.generateKeyPair());
            System.out.printf(Locale.ROOT, "JDK OCSP checker: %s%nBENCH kiosk.jdk.ocsp_cached %d%n", cache,
                    cache.startsWith("CACHES") ? 1 : 0);

            Function<String, String> ours = json -> verifier.verify(json) instanceof Verdict.Refused refused
                    ? refused.refusal().clerkMessage() : null;
            List<String> warm = signed.subList(0, warmup);
            List<String> timed = signed.subList(warmup, signed.size());
            // each warmed up on the same responses before any is timed, so that the order of the runs matters less
            run(null, ours, warm, clients, seconds);
            System.clearProperty(JDK_NONCE);
            run(null, jdk::refusal, warm, clients, seconds);
            System.setProperty(JDK_NONCE, "true");
            run(null, jdkNonce::refusal, warm, clients, seconds);
            System.clearProperty(JDK_NONCE);
            run("kiosk.verify", ours, timed, clients, seconds);
            run("kiosk.jdk", jdk::refusal, timed, clients, seconds);
            System.setProperty(JDK_NONCE, "true");
            run("kiosk.jdk_nonce", jdkNonce::refusal, timed, clients, seconds);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0); // the HTTP client's and centre's threads would keep the JVM alive
    }

    private static X509Certificate issue(Centre centre, KeyPair key) {
        return centre.administration().issue(CertificateUsage.USER_AUTHENTICATION, Holder.sample().basicAttributes(),
                LocalDate.of(2034, 3, 31), key.getPublic());
    }

    /**
     * Whether the JDK's OCSP checker keeps answers between validations: a holder outside the pool
     * is accepted, then suspended at the centre; a checker that cached would accept it again.
     */
    private static String cacheProbe(Centre centre, JdkPkixPeer peer, HolderVerifier verifier, KeyPair key)
            throws GeneralSecurityException {
        X509Certificate certificate = issue(centre, key);
        Challenge first = verifier.challenge();
        Challenge second = verifier.challenge();
        peer.expect(first);
        peer.expect(second);
        String before = peer.refusal(respond(first, key, certificate.getEncoded()));
        if (before != null) {
            throw new IllegalStateException("the JDK peer refused a good certificate: " + before);
        }
        centre.administration().suspend(certificate.getSerialNumber(), Optional.of(CertificateUsage.USER_AUTHENTICATION));
        String after = peer.refusal(respond(second, key, certificate.getEncoded()));
        if (after == null) {
            return "CACHES (a certificate suspended after a good answer was accepted again)";
        }
        return "no cache (a certificate suspended right after a good answer is refused: " + after + ")";
    }

    /** Null {@code key}: a warm-up, nothing printed. */
    private static void run(String key, Function<String, String> refusal, List<String> responses, int clients,
            int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<String> pool = new ConcurrentLinkedQueue<>(responses);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[pool.size() + 1];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int n = 0;
                String response;
                while (System.nanoTime() < deadline && (response = pool.poll()) != null) {
                    long t0 = System.nanoTime();
                    String refused = refusal.apply(response);
                    mine[++n] = System.nanoTime() - t0;
                    if (refused != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, refused);
                    }
                }
                mine[0] = n;
            }, "kiosk-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
        double perSecond = all.length / elapsed;
        System.out.printf(Locale.ROOT, "%s: %,d authentications in %.1f s: %.1f/s, p50 %.1f ms, p99 %.1f ms,"
                + " %d errors%s%n", key == null ? "warm-up" : key, all.length, elapsed, perSecond,
                percentile(all, 0.50), percentile(all, 0.99), errors.get(),
                firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
        if (key != null) {
            System.out.printf(Locale.ROOT, "BENCH %s.%d.per_s %.1f%nBENCH %s.%d.p50_ms %.2f%n"
                    + "BENCH %s.%d.p99_ms %.2f%nBENCH %s.%d.errors %d%n", key, clients, perSecond, key, clients,
                    percentile(all, 0.50), key, clients, percentile(all, 0.99), key, clients, errors.get());
        }
    }

    /** What the kiosk sends: the card's PKCS#1 v1.5 SHA-256 signature over the challenge, done here in software. */
    private static String respond(Challenge challenge, KeyPair key, byte[] certificate) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.getPrivate());
            signer.update(challenge.signedBytes());
            return new AuthenticationResponse(challenge.id(), certificate, signer.sign()).toJson();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
