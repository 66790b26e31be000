package jp.mynacard.host.card;

import jp.mynacard.model.card.MynaCardException;

/** The card left the reader (or the reader went away) before the operation finished. */
public final class CardRemovedException extends MynaCardException {
    public CardRemovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
