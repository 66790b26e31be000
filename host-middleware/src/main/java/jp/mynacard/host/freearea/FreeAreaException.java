package jp.mynacard.host.freearea;

import jp.mynacard.host.card.CardCommandException;

/** A free-area command failed; the subclasses say why in terms a caller can act on. */
public class FreeAreaException extends CardCommandException {
    public FreeAreaException(String message, int statusWord) {
        super(message, statusWord, true);
    }
}
