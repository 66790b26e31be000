package jp.mynacard.applet;

/**
 * The tearing harness: listens to the applets' persistent writes ({@link TearPoints}) and cuts
 * the power just before the n-th one, so that write and every later one never happen (jcardsim
 * cannot tear by itself, nor roll a transaction back: a cut inside a transaction keeps what was
 * written before it, the worst a chip could do). The command under way gets no answer
 * ({@link WireCard#send} throws {@link PowerLoss}); {@link #tear} then resets the card, as the
 * next power-up would: a new session on the same applet instances.
 */
final class PowerCut extends TearPoints {
    /** The card lost power: the command sent gets no answer, and nothing more reaches the card. */
    static final class PowerLoss extends RuntimeException {
        PowerLoss() {
            super("power cut on the card", null, false, false);
        }
    }

    private final Thread harness = Thread.currentThread();
    private final int cutBefore;
    private int writes;

    private PowerCut(int cutBefore) {
        this.cutBefore = cutBefore;
    }

    /** Counts only the harness thread's card: another test's card in this JVM never loses power. */
    void writing() {
        if (Thread.currentThread() != harness) {
            return;
        }
        writes++;
        if (writes >= cutBefore) {
            throw new PowerLoss();
        }
    }

    boolean isCut() {
        return writes >= cutBefore;
    }

    /** The armed cut, if any, once it has fallen. */
    static boolean powerIsCut() {
        return listener instanceof PowerCut cut && cut.isCut();
    }

    /**
     * Runs {@code operation} (the host's commands to the card) with the power cut before the
     * card's n-th persistent write (n from 1); if the cut fell inside it, the card is reset.
     *
     * @return whether the cut fell: false once n is past the operation's last write
     */
    static boolean tear(WireCard card, int n, Runnable operation) {
        PowerCut cut = new PowerCut(n);
        listener = cut;
        try {
            operation.run();
        } catch (PowerLoss expected) {
            // the host saw its command go unanswered; whatever it does about that is for after the reset
        } finally {
            listener = null;
        }
        if (cut.isCut()) {
            card.reset();
        }
        return cut.isCut();
    }
}
