package jp.mynacard.perso.issuance;

import java.io.IOException;
import jp.mynacard.perso.journal.BatchRecovery.VerifiedCards;

/** Where blank cards come from: the factory's virtual blanks, or a reader fed by an operator. */
public interface BlankSource {
    /** The next blank; blocks until one is there. */
    BlankCard take() throws IOException;

    /** The card is done with: issued, or failed (a failed card may be wiped and used for the next holder). */
    void release(BlankCard card, boolean issued);

    /**
     * Whether a card stopped during its LOCKs can come back to be finished (a reader's feeder), or is
     * gone with this process (virtual blanks): its holder then waits for it, or is recovered and issued again.
     */
    VerifiedCards verifiedCards();

    /** How many cards may be personalized at once. */
    int parallelism();
}
