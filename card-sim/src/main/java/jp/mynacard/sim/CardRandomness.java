package jp.mynacard.sim;

/**
 * jcardsim's RandomData is a fixed-seed generator unless told otherwise: every simulated card
 * would draw the same "random" card challenges, and a personalization session recorded on one
 * card would replay on a fresh card of the same serial. A chip has a true RNG; this makes
 * jcardsim seed each RandomData from the host's SecureRandom. Call before installing applets.
 */
public final class CardRandomness {
    private static final String SECURE_SEED_PROPERTY = "com.licel.jcardsim.randomdata.secure";

    private CardRandomness() {
    }

    public static void ensureSecure() {
        System.setProperty(SECURE_SEED_PROPERTY, "1");
    }
}
