package jp.mynacard.perso.cli.counter;

import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.cardface.SurfaceCard;

/** Which card is in the reader, for the audit: the serial in the card-surface AP's information, readable without a PIN. */
final class CardSerial {
    private CardSerial() {
    }

    static String read(ApduChannel channel) {
        return SurfaceCard.over(channel).apInfo().serial();
    }
}
