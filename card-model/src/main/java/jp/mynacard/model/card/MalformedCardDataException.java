package jp.mynacard.model.card;

/** An EF read fine but its content breaks the format the spec fixes: a corrupt or foreign card. */
public final class MalformedCardDataException extends MynaCardException {
    public MalformedCardDataException(String message) {
        super(message);
    }
}
