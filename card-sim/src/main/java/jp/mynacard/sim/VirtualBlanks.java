package jp.mynacard.sim;

import java.security.SecureRandom;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.issuance.BlankCard;
import jp.mynacard.perso.issuance.BlankSource;
import jp.mynacard.perso.journal.BatchRecovery.VerifiedCards;
import jp.mynacard.sim.VirtualCard;

/**
 * Virtual blanks made in this process for the bureau's master key, one per holder, discarded
 * once issued. Serials are random, not a counter, so a rerun of a killed batch never hands out a
 * serial the journal already holds.
 */
final class VirtualBlanks implements BlankSource {
    private static final long SERIAL_RANGE = 10_000_000_000L;

    private final IssuerMasterKey master;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    VirtualBlanks(IssuerMasterKey master, int parallelism) {
        this.master = master;
        this.parallelism = parallelism;
    }

    @Override
    public BlankCard take() {
        String serial;
        synchronized (random) {
            serial = String.format("VB%010d", Math.floorMod(random.nextLong(), SERIAL_RANGE));
        }
        return new BlankCard(serial, VirtualCard.blank(serial, master).terminal());
    }

    @Override
    public void release(BlankCard card, boolean issued) {
        // the virtual card is garbage once its terminal is dropped
    }

    @Override
    public VerifiedCards verifiedCards() {
        return VerifiedCards.LOST; // a virtual card lives in this process only
    }

    @Override
    public int parallelism() {
        return parallelism;
    }
}
