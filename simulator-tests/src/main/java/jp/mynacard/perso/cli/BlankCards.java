package jp.mynacard.perso.cli;

import java.io.IOException;

/** Where blank cards come from: the factory's virtual blanks, or a reader fed by an operator. */
public interface BlankCards {
    /** The next blank; blocks until one is there. */
    BlankCard take() throws IOException;

    /** The card is done with: issued, or failed (a failed card may be wiped and used for the next holder). */
    void release(BlankCard card, boolean issued);

    /** How many cards may be personalized at once. */
    int parallelism();
}
