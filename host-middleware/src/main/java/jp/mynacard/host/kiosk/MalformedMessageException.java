package jp.mynacard.host.kiosk;

/** A kiosk message that does not parse; the message says which field, never a field's content. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
