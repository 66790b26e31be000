package jp.mynacard.perso.freearea;

import jp.mynacard.host.freearea.FreeAreaException;
import jp.mynacard.host.freearea.SlotName;

/** 6A89: CREATE SLOT for a name the card already has; the existing slot is untouched. */
public final class SlotExistsException extends FreeAreaException {
    public SlotExistsException(SlotName name) {
        super("the card already has a slot " + name + "; delete it first to recreate it", FreeAreaSlots.SW_SLOT_EXISTS);
    }
}
