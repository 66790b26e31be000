package jp.mynacard.host.card;

import jp.mynacard.model.card.MynaCardException;

/** The PC/SC stack failed to carry an APDU for a reason other than card removal. */
public final class CardIoException extends MynaCardException {
    public CardIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
