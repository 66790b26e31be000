package jp.mynacard.host.freearea;

/** The card's answer does not have the layout of docs/free-area.md. */
public final class MalformedSlotDataException extends FreeAreaException {
    public MalformedSlotDataException(String message) {
        super(message, 0x9000);
    }
}
