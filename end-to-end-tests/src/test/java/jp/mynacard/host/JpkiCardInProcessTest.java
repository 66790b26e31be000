package jp.mynacard.host;

import javax.smartcardio.CardTerminal;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;

/** The host library scenarios on jcardsim, in this JVM. */
class JpkiCardInProcessTest extends JpkiCardScenarios {
    @Override
    CardTerminal insertFreshCard() {
        return VirtualCard.issue(Holder.sample()).terminal();
    }

    @Override
    void removeCard() {
        // the card is garbage once the test lets go of it
    }
}
