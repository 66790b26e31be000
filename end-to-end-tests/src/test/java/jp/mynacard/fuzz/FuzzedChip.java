package jp.mynacard.fuzz;

import javax.smartcardio.CardTerminal;
import jp.mynacard.sim.VirtualCard;

/**
 * The personalized chip a {@link FuzzedCard} drives: an issued {@link VirtualCard}, or a test chip
 * with a deliberately broken applet ({@link BrokenJpkiApplet}). APDUs, power cycles, and a reader
 * for the counter operations the checkpoint puts counters back with.
 */
interface FuzzedChip {
    byte[] transmit(byte[] apdu);

    /** Power cycle: transient state (selection, verified PINs) is lost, persistent state stays. */
    void reset();

    CardTerminal terminal();

    /** The issuer channel's tries left of the AP {@code aid}, as the chip holds them ({@link ChipTries}). */
    int issuerTries(byte[] aid);

    static FuzzedChip of(VirtualCard card) {
        return new FuzzedChip() {
            @Override
            public byte[] transmit(byte[] apdu) {
                return card.transmit(apdu);
            }

            @Override
            public void reset() {
                card.reset();
            }

            @Override
            public CardTerminal terminal() {
                return card.terminal();
            }

            @Override
            public int issuerTries(byte[] aid) {
                return ChipTries.issuerTries(card, aid);
            }
        };
    }
}
