package jp.mynacard.perso.batch;

/**
 * The file as a whole cannot be read as a batch (unknown format, no or bad CSV header, not UTF-8).
 * A single bad row is not this: it becomes a {@link RejectedRow} and the rest of the batch goes on.
 */
public class BatchFormatException extends RuntimeException {
    public BatchFormatException(String message) {
        super(message);
    }

    public BatchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
