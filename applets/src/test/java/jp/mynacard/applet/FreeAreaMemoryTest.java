package jp.mynacard.applet;

import static jp.mynacard.applet.FreeAreaWireTest.SEAL;
import static jp.mynacard.applet.FreeAreaWireTest.ascii;
import static jp.mynacard.applet.FreeAreaWireTest.create;
import static jp.mynacard.applet.FreeAreaWireTest.deleteSlot;
import static jp.mynacard.applet.FreeAreaWireTest.freeAreaCard;
import static jp.mynacard.applet.FreeAreaWireTest.list;
import static jp.mynacard.applet.FreeAreaWireTest.newKey;
import static jp.mynacard.applet.FreeAreaWireTest.tenant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.licel.jcardsim.crypto.SymmetricKeyImpl;
import java.util.Arrays;
import javacard.framework.ISOException;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import jp.mynacard.host.freearea.FreeAreaListing;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.TenantKey;
import org.junit.jupiter.api.Test;

/**
 * What the free area leaves in the chip's memory (docs/free-area.md): no RAM copy of the decoy
 * key, and no key or data byte of a deleted slot, even when the card was pulled in the middle of
 * DELETE SLOT. Read on the chip's side ({@link ChipInternals}), as a probe on the chip would.
 */
class FreeAreaMemoryTest {
    /** ISO 7816-4 "memory failure": how the test's tearing key stops DELETE SLOT at its second write. */
    private static final short SW_MEMORY_FAILURE = 0x6581;

    @Test
    void theDecoyKeyIsInItsKeyObjectAndInNoTransientArray() {
        WireCard card = freeAreaCard();
        AESKey decoy = (AESKey) ChipInternals.field(ChipInternals.field(freeArea(card), "tenant"), "decoyKey");
        byte[] key = new byte[16];
        decoy.getKey(key, (short) 0);
        assertTrue(decoy.isInitialized());
        for (byte[] array : ChipInternals.transientByteArrays(card)) {
            assertFalse(ChipInternals.contains(array, key), "a RAM array of " + array.length + " bytes holds the decoy key");
        }
    }

    @Test
    void aDeleteTornAfterItsFirstWriteLeavesNoKeyOrDataOnceTheFreeAreaIsSelectedAgain() {
        WireCard card = freeAreaCard();
        TenantKey key = newKey();
        create(card, SEAL, ReadPolicy.KEYED, 64, key);
        byte[] content = ascii("SEAL-IMPRESSION-0042-TORN");
        tenant(card, SEAL, key).write(content);
        Object slots = ChipInternals.field(freeArea(card), "slots");
        int entry = entryOf(slots, SEAL.encoded());
        TearingKey tearing = new TearingKey(key.material());
        ((AESKey[]) ChipInternals.field(slots, "keys"))[entry] = tearing;

        card.selectFreeArea();
        assertEquals(SW_MEMORY_FAILURE, card.secure(deleteSlot(SEAL)).getSW(), "torn after the slot was hidden");
        card.reset(); // the card pulled

        card.selectFreeArea();
        byte[] pool = (byte[]) ChipInternals.field(slots, "pool");
        assertFalse(ChipInternals.contains(pool, content), "the slot's data is wiped");
        assertFalse(tearing.isInitialized(), "the slot's key is cleared");
        byte[] name = Arrays.copyOfRange((byte[]) ChipInternals.field(slots, "names"), entry * 8, entry * 8 + 8);
        assertArrayEquals(new byte[8], name, "the slot's name is wiped");
        FreeAreaListing listing = list(card);
        assertTrue(listing.slots().isEmpty(), listing.toString());
        assertEquals(TenantSlots.SLOT_COUNT, listing.freeEntries(), "the entry is free again");
        assertEquals(TenantSlots.POOL_SIZE, listing.largestFreeRun(), "and its run");
    }

    private static Object freeArea(WireCard card) {
        return ChipInternals.applet(card, FreeAreaApplet.AID);
    }

    private static int entryOf(Object slots, byte[] name) {
        byte[] names = (byte[]) ChipInternals.field(slots, "names");
        for (int entry = 0; entry < TenantSlots.SLOT_COUNT; entry++) {
            if (Arrays.equals(names, entry * 8, entry * 8 + 8, name, 0, 8)) {
                return entry;
            }
        }
        throw new AssertionError("no entry holds the slot");
    }

    /** A slot key whose first wipe fails as a pulled card would stop it; a second wipe works. */
    private static final class TearingKey extends SymmetricKeyImpl {
        private boolean torn;

        TearingKey(byte[] material) {
            super(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128);
            setKey(material, (short) 0);
        }

        @Override
        public void clearKey() {
            if (!torn) {
                torn = true;
                ISOException.throwIt(SW_MEMORY_FAILURE);
            }
            super.clearKey();
        }
    }
}
