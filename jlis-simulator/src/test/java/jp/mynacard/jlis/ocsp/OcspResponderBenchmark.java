package jp.mynacard.jlis.ocsp;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * Responses per second at the responder API (no HTTP), two threads: pre-signed (single CertID,
 * no nonce, cache warm) and freshly signed (nonced). Not a test; run after
 * {@code mvn -o -pl jlis-simulator test-compile} with
 * {@code java -cp jlis-simulator/target/classes:jlis-simulator/target/test-classes:$(cat jlis-simulator/target/runtime-classpath.txt) jp.mynacard.jlis.ocsp.OcspResponderBenchmark [seconds]}.
 */
public final class OcspResponderBenchmark {
    private static final int THREADS = 2;
    private static final int CERTIFICATES = 1000;

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        OcspTestCentre centre = new OcspTestCentre();
        List<byte[]> plain = new ArrayList<>();
        List<byte[]> nonced = new ArrayList<>();
        for (int i = 0; i < CERTIFICATES; i++) {
            CertificateUsage usage = CertificateUsage.values()[i % 2];
            BigInteger serial = centre.issue(usage).getSerialNumber();
            plain.add(OcspTestCentre.request(centre.certificateId(usage, serial)));
            byte[] nonce = new byte[16];
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >> 8);
            nonced.add(OcspTestCentre.request(nonce, centre.certificateId(usage, serial)));
        }
        System.out.printf("OCSP responder, %d threads, %d certificates, %s per run, %d CPUs%n",
                THREADS, CERTIFICATES, measure, Runtime.getRuntime().availableProcessors());
        run("warm-up pre-signed", centre.responder, plain, Duration.ofSeconds(3));
        run("warm-up nonced", centre.responder, nonced, Duration.ofSeconds(3));
        double cached = run("pre-signed (no nonce)", centre.responder, plain, measure);
        double fresh = run("freshly signed (nonce)", centre.responder, nonced, measure);
        System.out.printf("ratio pre-signed / freshly signed: %.0fx%n", cached / fresh);
    }

    private static double run(String name, OcspResponder responder, List<byte[]> requests, Duration length)
            throws InterruptedException {
        LongAdder answered = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int offset = t * requests.size() / THREADS;
            Thread thread = new Thread(() -> {
                int i = offset;
                while (!stop.get()) {
                    byte[] response = responder.respond(requests.get(i++ % requests.size()));
                    if (response.length < 100) { // an error status is a few bytes: the benchmark would measure nothing
                        throw new IllegalStateException("not a successful response: " + OcspTestCentre.parse(response).getStatus());
                    }
                    answered.increment();
                }
                done.countDown();
            }, "ocsp-bench-" + t);
            thread.start();
        }
        long start = System.nanoTime();
        Thread.sleep(length.toMillis());
        stop.set(true);
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = answered.sum() / seconds;
        System.out.printf("%-24s %10.0f responses/s%n", name, rate);
        return rate;
    }

    private OcspResponderBenchmark() {
    }
}
