package jp.mynacard.host.kiosk;

import java.util.OptionalInt;

/**
 * The card refused the holder's PIN, or the PIN could not be tried: the kiosk says so in words a
 * clerk (and the holder) understand. Never carries the PIN.
 */
public final class PinRefusedException extends RuntimeException {
    private final OptionalInt triesLeft;
    private final boolean blocked;
    private final String japanese;
    private final String english;

    private PinRefusedException(OptionalInt triesLeft, boolean blocked, String japanese, String english, Throwable cause) {
        super(english, cause);
        this.triesLeft = triesLeft;
        this.blocked = blocked;
        this.japanese = japanese;
        this.english = english;
    }

    static PinRefusedException wrong(int triesLeft, Throwable cause) {
        return new PinRefusedException(OptionalInt.of(triesLeft), false,
                "暗証番号が違います（あと" + triesLeft + "回間違えるとロックされます）。",
                "wrong PIN: " + triesLeft + (triesLeft == 1 ? " try" : " tries") + " left before the card locks", cause);
    }

    static PinRefusedException blocked(Throwable cause) {
        return new PinRefusedException(OptionalInt.of(0), true,
                "暗証番号がロックされています。市区町村の窓口で初期化の手続きをしてください。",
                "PIN locked: the holder must have it reset at the municipal office", cause);
    }

    static PinRefusedException malformed(Throwable cause) {
        return new PinRefusedException(OptionalInt.empty(), false,
                "暗証番号は数字4桁です（カードには送っていません）。",
                "the PIN must be 4 digits (nothing was sent to the card)", cause);
    }

    /** Tries the card still allows; empty when the PIN was not tried (bad format). */
    public OptionalInt triesLeft() {
        return triesLeft;
    }

    public boolean blocked() {
        return blocked;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }

    /** "ja / en", for the kiosk's screen. */
    public String clerkMessage() {
        return japanese + " / " + english;
    }
}
