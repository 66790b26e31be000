package jp.mynacard.host.card;

import jp.mynacard.model.card.MynaCardException;

/**
 * Another PC/SC client holds the card (an exclusive session, or a connection that keeps this
 * one from becoming exclusive): try again when it is done.
 */
public final class CardInUseException extends MynaCardException {
    public CardInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
