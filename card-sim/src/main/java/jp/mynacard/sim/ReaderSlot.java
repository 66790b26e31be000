package jp.mynacard.sim;

/** The card in the vpcd reader: usually one card for the program's life; a feeder changes it. */
interface ReaderSlot {
    VirtualCard card();

    /** Power off, power on or reset from the host. */
    default void reset() {
        card().reset();
    }
}
