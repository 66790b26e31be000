package jp.mynacard.host.card;

/** SELECT of an AP failed: the card is not a My Number card, or that AP is not on it. */
public class ApplicationNotFoundException extends CardCommandException {
    public ApplicationNotFoundException(String application, int statusWord) {
        this("no " + application + " on the card: SELECT answered " + StatusWords.describe(statusWord), statusWord, true);
    }

    protected ApplicationNotFoundException(String message, int statusWord, boolean custom) {
        super(message, statusWord, custom);
    }
}
