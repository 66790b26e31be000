package jp.mynacard.host.reader;

import jp.mynacard.model.card.MynaCardException;

/** No reader, no card, or more than one candidate: the user has to act (plug in, insert, choose). */
public final class ReaderSelectionException extends MynaCardException {
    public ReaderSelectionException(String message) {
        super(message);
    }

    public ReaderSelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
