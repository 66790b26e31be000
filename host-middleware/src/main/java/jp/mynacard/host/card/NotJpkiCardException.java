package jp.mynacard.host.card;

/** SELECT of the JPKI AP failed: the card in the reader is not a My Number card (or its JPKI AP is gone). */
public final class NotJpkiCardException extends ApplicationNotFoundException {
    public NotJpkiCardException(int statusWord) {
        super("not a My Number card: SELECT of the JPKI AP answered " + StatusWords.describe(statusWord), statusWord, true);
    }
}
