package jp.mynacard.host.cardface;

import jp.mynacard.model.card.MynaCardException;

/** The card's data read fine and is well formed, but is not as the centre signed it. */
public final class CardDataNotGenuineException extends MynaCardException {
    public CardDataNotGenuineException(String message) {
        super(message);
    }
}
