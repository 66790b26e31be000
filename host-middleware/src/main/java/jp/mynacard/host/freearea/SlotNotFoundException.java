package jp.mynacard.host.freearea;

/**
 * No open slot by that name (6A88): the card does not say whether the slot is absent or only
 * readable with its tenant's key, so that no one learns of another tenant's slot.
 */
public final class SlotNotFoundException extends FreeAreaException {
    public SlotNotFoundException(String message, int statusWord) {
        super(message, statusWord);
    }
}
