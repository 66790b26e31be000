package jp.mynacard.fuzz;

import java.security.SecureRandom;
import java.util.Random;

/**
 * How big and from which seed a fuzz run is: {@code -Dmynacard.fuzz.apdus=N} (APDUs per AP),
 * {@code -Dmynacard.fuzz.inputs=N} (mutated inputs per parser), {@code -Dmynacard.fuzz.seed=S}
 * to replay a run. The defaults keep {@code mvn verify} short; {@code bin/fuzz} sets the long sizes.
 * Every failure message carries the seed, so any run can be replayed exactly.
 */
final class FuzzRun {
    static final int DEFAULT_APDUS_PER_AP = 20_000;
    static final int DEFAULT_INPUTS_PER_PARSER = 1_000;

    private final long seed;

    private FuzzRun(long seed) {
        this.seed = seed;
    }

    /** The seed given by {@code mynacard.fuzz.seed}, or a fresh one (printed, so a failure can be replayed). */
    static FuzzRun fromSystemProperties(String what) {
        String given = System.getProperty("mynacard.fuzz.seed");
        long seed = given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
        System.out.println("fuzz " + what + ": seed " + seed + " (replay with -Dmynacard.fuzz.seed=" + seed + ")");
        return new FuzzRun(seed);
    }

    static int apdusPerAp() {
        return Integer.getInteger("mynacard.fuzz.apdus", DEFAULT_APDUS_PER_AP);
    }

    static int inputsPerParser() {
        return Integer.getInteger("mynacard.fuzz.inputs", DEFAULT_INPUTS_PER_PARSER);
    }

    long seed() {
        return seed;
    }

    /** A generator for one part of the run; the part's name keeps two parts' streams apart. */
    Random random(String part) {
        return new Random(seed ^ part.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** The replay hint every failure message ends with. */
    String replay() {
        return " [replay: -Dmynacard.fuzz.seed=" + seed + "]";
    }
}
