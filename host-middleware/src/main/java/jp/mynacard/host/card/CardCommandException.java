package jp.mynacard.host.card;

import jp.mynacard.model.card.MynaCardException;

/** The card answered a command with a status word the caller did not expect. */
public class CardCommandException extends MynaCardException {
    private final int statusWord;

    public CardCommandException(String command, int statusWord) {
        super(command + " failed: card answered " + StatusWords.describe(statusWord));
        this.statusWord = statusWord;
    }

    protected CardCommandException(String message, int statusWord, boolean custom) {
        super(message);
        this.statusWord = statusWord;
    }

    public int statusWord() {
        return statusWord;
    }
}
