package jp.mynacard.host.card;

/** The PIN is blocked (6984 on the My Number card, 6983 on others, or 63C0 after the last wrong try): only a municipal counter can reset it. */
public final class PinBlockedException extends CardCommandException {
    public PinBlockedException(String command, int statusWord) {
        super(command + ": PIN blocked (" + StatusWords.describe(statusWord) + ")", statusWord, true);
    }
}
