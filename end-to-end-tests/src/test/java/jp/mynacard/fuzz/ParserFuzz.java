package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs mutated inputs through one parser and holds it to its contract: each input is either
 * accepted or refused with one of the parser's own, documented errors — never another exception
 * (a NullPointerException, an index out of bounds), never longer than {@link #HANG_LIMIT_SECONDS}
 * (a hang), never more than {@link #ALLOCATION_LIMIT} bytes allocated for one input (memory
 * sized by a length the input claims). Each input runs on one worker thread, so its allocation
 * can be counted.
 */
final class ParserFuzz {
    static final long HANG_LIMIT_SECONDS = 10;
    static final long ALLOCATION_LIMIT = 256L << 20;

    /** One parser: accepts the input (returns) or refuses it (throws). */
    interface Target {
        void parse(byte[] input) throws Exception;
    }

    /** What a run did: how many inputs were accepted and how many refused with a clear error. */
    record Tally(int accepted, int refused, double seconds) {
    }

    private ParserFuzz() {
    }

    /**
     * {@code inputs} mutations of {@code samples} through {@code target}; {@code clearErrors}: the
     * exceptions that are the parser's way of saying no. The valid samples must be accepted first.
     */
    static Tally run(String name, FuzzRun run, List<byte[]> samples, Target target, List<Class<? extends Throwable>> clearErrors) {
        int inputs = FuzzRun.inputsPerParser();
        ByteMutator mutator = new ByteMutator(run.random(name));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz " + name);
            thread.setDaemon(true); // a hung parse must not keep the JVM alive
            return thread;
        });
        int accepted = 0;
        int refused = 0;
        long started = System.nanoTime();
        try {
            for (byte[] sample : samples) {
                Throwable outcome = parseOnce(worker, threads, target, sample);
                if (outcome != null) {
                    throw new AssertionError(name + ": a valid sample is refused", outcome);
                }
            }
            for (int i = 0; i < inputs; i++) {
                byte[] input = mutator.mutate(samples);
                Throwable outcome;
                try {
                    outcome = parseOnce(worker, threads, target, input);
                } catch (TimeoutException e) {
                    fail(name + ": input " + i + " still parsing after " + HANG_LIMIT_SECONDS + " s" + run.replay() + "\n" + shown(input));
                    return null;
                }
                if (outcome == null) {
                    accepted++;
                } else if (clearErrors.stream().anyMatch(type -> type.isInstance(outcome))) {
                    refused++;
                } else {
                    throw new AssertionError(name + ": input " + i + " ended in " + outcome + run.replay() + "\n" + shown(input), outcome);
                }
            }
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": a valid sample does not parse within " + HANG_LIMIT_SECONDS + " s");
        } finally {
            worker.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz %s: %d inputs, %d accepted, %d refused with a clear error, %.1f s, %.0f inputs/s%n",
                name, inputs, accepted, refused, seconds, inputs / seconds);
        return new Tally(accepted, refused, seconds);
    }

    /** {@code null} when accepted, else what was thrown; an OutOfMemoryError or an allocation over the limit fails at once. */
    private static Throwable parseOnce(ExecutorService worker, com.sun.management.ThreadMXBean threads, Target target, byte[] input)
            throws TimeoutException {
        Future<Throwable> future = worker.submit(() -> {
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            Throwable thrown = null;
            try {
                target.parse(input);
            } catch (OutOfMemoryError e) {
                throw new AssertionError("out of memory on an input of " + input.length + " bytes", e);
            } catch (Exception | StackOverflowError | AssertionError e) {
                thrown = e;
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (allocated > ALLOCATION_LIMIT) {
                throw new AssertionError(allocated + " bytes allocated for an input of " + input.length + " bytes");
            }
            return thrown;
        });
        try {
            return future.get(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage() + "\n" + shown(input), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    private static String shown(byte[] input) {
        HexFormat hex = HexFormat.of();
        return "input (" + input.length + " bytes): " + (input.length > 512 ? hex.formatHex(input, 0, 512) + "..." : hex.formatHex(input));
    }
}
