package jp.mynacard.applet;

/**
 * The places where a tear (the card pulled, power lost) can fall between two persistent writes:
 * the personalization and renewal paths announce each write to persistent memory here first. On a
 * chip nothing listens. The tests' tearing harness listens and cuts the power at the n-th write,
 * which jcardsim cannot do by itself: it neither tears nor rolls a transaction back.
 */
abstract class TearPoints {
    /** Whoever listens: null on a chip. */
    static TearPoints listener;

    /** Called just before a write to persistent memory. */
    static void beforeWrite() {
        if (listener != null) {
            listener.writing();
        }
    }

    /** The listener's part: it may end the command here, as a power loss would. */
    abstract void writing();
}
