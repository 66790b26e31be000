package jp.mynacard.jlis.ocsp;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Signatures in progress, at most two per core, the rest waiting in arrival order. An RSA
 * signature is pure CPU: with many more of them running than cores (the HTTP server has 16
 * workers, for requests that wait on the database), the kernel time-slices them, every one takes
 * longer, and the unluckiest waits longest. Two per core rather than one, because a signing thread
 * shares its core with the event loops: at one per core a slot idles whenever its thread is
 * descheduled. Nonced OCSP, 64 clients, 2 cores, 15 s runs (docs/centre-benchmarks.md): unbounded
 * 4,700-5,200 responses/s with a p99 of 53-56 ms; one per core 4,200-4,350/s, p99 27-28 ms; two per
 * core 4,600-4,800/s, p99 24-27 ms.
 */
final class SigningQueue {
    private final Semaphore slots;

    SigningQueue(int concurrentSignatures) {
        if (concurrentSignatures < 1) {
            throw new IllegalArgumentException("at least one signature at a time, not " + concurrentSignatures);
        }
        this.slots = new Semaphore(concurrentSignatures, true);
    }

    /** Two per core of this machine. */
    static SigningQueue twicePerCore() {
        return new SigningQueue(2 * Runtime.getRuntime().availableProcessors());
    }

    byte[] sign(Supplier<byte[]> signature) {
        slots.acquireUninterruptibly();
        try {
            return signature.get();
        } finally {
            slots.release();
        }
    }
}
