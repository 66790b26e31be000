package jp.mynacard.model.card;

/** Root of every failure the host library reports about a card; callers catch the subclass they can act on. */
public abstract class MynaCardException extends RuntimeException {
    protected MynaCardException(String message) {
        super(message);
    }

    protected MynaCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
