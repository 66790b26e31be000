package jp.mynacard.host.card;

/** VERIFY answered 63Cx with x &gt; 0: the PIN was wrong and the card still allows x tries. */
public final class WrongPinException extends CardCommandException {
    private final int triesLeft;

    public WrongPinException(String command, int statusWord) {
        super(command + ": wrong PIN, " + (statusWord & 0x0F) + " tries left", statusWord, true);
        this.triesLeft = statusWord & 0x0F;
    }

    public int triesLeft() {
        return triesLeft;
    }
}
