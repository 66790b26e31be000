package jp.mynacard.host.freearea;

/** 6A84: the data does not fit the slot, or (at the counter) the free area has no room for the slot; nothing changed. */
public final class SlotFullException extends FreeAreaException {
    public SlotFullException(String message, int statusWord) {
        super(message, statusWord);
    }
}
