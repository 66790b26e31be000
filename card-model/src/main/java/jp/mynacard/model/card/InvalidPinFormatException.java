package jp.mynacard.model.card;

/**
 * The PIN does not have the format its key requires; thrown before anything is sent, so no
 * try is spent. The message describes the format only, never the PIN.
 */
public final class InvalidPinFormatException extends MynaCardException {
    public InvalidPinFormatException(String message) {
        super(message);
    }
}
