package jp.mynacard.perso.cli;

import java.io.IOException;

/** Where blank cards come from: the factory's virtual blanks, or a reader fed by an operator. */
public interface BlankCards {
    /** The next blank; blocks until one is there. */
    BlankCard take() throws IOException;

    /** The card is done with (issued or failed): out of the reader. */
    void release(BlankCard card);

    /** How many cards may be personalized at once. */
    int parallelism();
}
