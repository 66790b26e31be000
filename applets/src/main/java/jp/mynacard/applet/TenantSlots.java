package jp.mynacard.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * The free area's persistent state (docs/free-area.md): a table of tenant slots and one data
 * pool, all allocated at install. A slot is named by tenant id (6 bytes) and service id (2
 * bytes), reserves a contiguous run of the pool when it is created, and holds its tenant's
 * AES-128 key and read policy. A slot becomes visible only when its entry is complete (the
 * in-use flag is written last, inside a transaction) and invisible before its data is wiped; a
 * deletion torn between the two is finished at the next selection ({@link #finishDeletions()}),
 * so no key or data byte of a deleted slot waits in memory for the entry to be reused.
 */
final class TenantSlots {
    static final short SLOT_COUNT = 8;
    static final short POOL_SIZE = 4096;
    static final short MAX_CAPACITY = 1024;
    static final short TENANT_LENGTH = 6;
    static final short NAME_LENGTH = (short) (TENANT_LENGTH + 2);
    static final byte POLICY_OPEN = 0x00;
    static final byte POLICY_KEYED = 0x01;
    static final short NONE = -1;
    /** Entry states, one byte each: a single write moves an entry from one to the next. */
    static final byte ENTRY_FREE = 0;
    static final byte ENTRY_IN_USE = 1;
    /** Hidden, its key, data and name not yet all wiped: neither listed nor reused until they are. */
    static final byte ENTRY_DELETING = 2;
    /** ISO 7816-4 "file already exists". */
    static final short SW_SLOT_EXISTS = 0x6A89;

    private final byte[] names = new byte[(short) (SLOT_COUNT * NAME_LENGTH)];
    private final byte[] inUse = new byte[SLOT_COUNT];
    private final byte[] policies = new byte[SLOT_COUNT];
    private final short[] offsets = new short[SLOT_COUNT];
    private final short[] capacities = new short[SLOT_COUNT];
    private final short[] sizes = new short[SLOT_COUNT];
    private final AESKey[] keys = new AESKey[SLOT_COUNT];
    private final byte[] pool = new byte[POOL_SIZE];

    TenantSlots() {
        for (short i = 0; i < SLOT_COUNT; i++) {
            keys[i] = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        }
    }

    /**
     * The slot with this name, or {@link #NONE}. Every entry is compared whatever matched, so
     * an absent slot takes the path a present one does.
     */
    short find(byte[] name, short offset) {
        short found = NONE;
        for (short i = 0; i < SLOT_COUNT; i++) {
            boolean same = Util.arrayCompare(names, (short) (i * NAME_LENGTH), name, offset, NAME_LENGTH) == 0;
            if (same && inUse[i] == ENTRY_IN_USE) {
                found = i;
            }
        }
        return found;
    }

    /** A tenant id is six printable ASCII characters (a JIS X 0402 code or a registered body id). */
    static boolean isWellFormedName(byte[] name, short offset) {
        for (short i = 0; i < TENANT_LENGTH; i++) {
            byte b = name[(short) (offset + i)];
            if (b < 0x21 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates a slot; nothing changes unless it succeeds. 6A89 when the name is taken, 6A84 when
     * the table is full or no contiguous run of {@code capacity} bytes is free.
     */
    void create(byte[] name, short nameOffset, byte policy, short capacity, byte[] key, short keyOffset) {
        if (find(name, nameOffset) != NONE) {
            ISOException.throwIt(SW_SLOT_EXISTS);
        }
        short entry = freeEntry();
        short start = entry == NONE ? NONE : freeRun(capacity);
        if (start == NONE) {
            ISOException.throwIt(ISO7816.SW_FILE_FULL);
        }
        // the run belongs to no slot yet: whatever a torn deletion left there goes first
        Util.arrayFillNonAtomic(pool, start, capacity, (byte) 0);
        JCSystem.beginTransaction();
        Util.arrayCopy(name, nameOffset, names, (short) (entry * NAME_LENGTH), NAME_LENGTH);
        policies[entry] = policy;
        offsets[entry] = start;
        capacities[entry] = capacity;
        sizes[entry] = 0;
        keys[entry].setKey(key, keyOffset);
        inUse[entry] = ENTRY_IN_USE;
        JCSystem.commitTransaction();
    }

    /**
     * Hides the slot first (one byte), then wipes its key, data and name, then frees the entry: a
     * tear leaves it gone, never half there, and marked for {@link #finishDeletions()}.
     */
    void delete(short slot) {
        inUse[slot] = ENTRY_DELETING;
        wipe(slot);
    }

    /** Wipes what a torn DELETE SLOT left: called at every selection, before any command is answered. */
    void finishDeletions() {
        for (short i = 0; i < SLOT_COUNT; i++) {
            if (inUse[i] == ENTRY_DELETING) {
                wipe(i);
            }
        }
    }

    /** Idempotent, so a wipe torn in turn is simply redone; the entry is free only once it is blank. */
    private void wipe(short slot) {
        keys[slot].clearKey();
        Util.arrayFillNonAtomic(pool, offsets[slot], capacities[slot], (byte) 0);
        Util.arrayFillNonAtomic(names, (short) (slot * NAME_LENGTH), NAME_LENGTH, (byte) 0);
        sizes[slot] = 0;
        inUse[slot] = ENTRY_FREE;
    }

    /**
     * Writes {@code length} bytes at {@code offset} of the slot; its size becomes offset + length.
     * 6A84 beyond the slot's capacity, with nothing written. Data first, size last.
     */
    void write(short slot, short offset, byte[] data, short dataOffset, short length) {
        short capacity = capacities[slot];
        if (offset < 0 || offset > capacity || length > (short) (capacity - offset)) {
            ISOException.throwIt(ISO7816.SW_FILE_FULL);
        }
        Util.arrayCopy(data, dataOffset, pool, (short) (offsets[slot] + offset), length);
        sizes[slot] = (short) (offset + length);
    }

    /** Copies up to {@code max} bytes from {@code offset}; 6B00 past the end. Returns the count. */
    short read(short slot, short offset, byte[] out, short outOffset, short max) {
        short size = sizes[slot];
        if (offset < 0 || offset > size) {
            ISOException.throwIt(ISO7816.SW_WRONG_P1P2);
        }
        short length = (short) (size - offset);
        if (length > max) {
            length = max;
        }
        Util.arrayCopyNonAtomic(pool, (short) (offsets[slot] + offset), out, outOffset, length);
        return length;
    }

    boolean isOpenForReading(short slot) {
        return policies[slot] == POLICY_OPEN;
    }

    AESKey key(short slot) {
        return keys[slot];
    }

    /** Policy (1), capacity (2), size (2). */
    short writeInfo(short slot, byte[] out, short offset) {
        out[offset] = policies[slot];
        offset = Util.setShort(out, (short) (offset + 1), capacities[slot]);
        return Util.setShort(out, offset, sizes[slot]);
    }

    /**
     * For the counter: pool size (2), largest free run (2), free entries (1), then per slot its
     * name (8) and info (5).
     */
    short writeListing(byte[] out, short offset) {
        offset = Util.setShort(out, offset, POOL_SIZE);
        offset = Util.setShort(out, offset, largestFreeRun());
        short freeEntries = 0;
        for (short i = 0; i < SLOT_COUNT; i++) {
            if (inUse[i] == ENTRY_FREE) {
                freeEntries++;
            }
        }
        out[offset++] = (byte) freeEntries;
        for (short i = 0; i < SLOT_COUNT; i++) {
            if (inUse[i] == ENTRY_IN_USE) {
                offset = Util.arrayCopyNonAtomic(names, (short) (i * NAME_LENGTH), out, offset, NAME_LENGTH);
                offset = writeInfo(i, out, offset);
            }
        }
        return offset;
    }

    private short freeEntry() {
        for (short i = 0; i < SLOT_COUNT; i++) {
            if (inUse[i] == ENTRY_FREE) {
                return i;
            }
        }
        return NONE;
    }

    /** First fit: the lowest start (0 or the end of a slot) where {@code capacity} bytes overlap no slot. */
    private short freeRun(short capacity) {
        short best = NONE;
        for (short c = NONE; c < SLOT_COUNT; c++) {
            short start = c == NONE ? 0 : (inUse[c] == ENTRY_FREE ? NONE : (short) (offsets[c] + capacities[c]));
            if (start == NONE || start > (short) (POOL_SIZE - capacity) || overlapsSlot(start, capacity)) {
                continue;
            }
            if (best == NONE || start < best) {
                best = start;
            }
        }
        return best;
    }

    private boolean overlapsSlot(short start, short length) {
        for (short i = 0; i < SLOT_COUNT; i++) {
            if (inUse[i] != ENTRY_FREE && start < (short) (offsets[i] + capacities[i]) && offsets[i] < (short) (start + length)) {
                return true;
            }
        }
        return false;
    }

    /** The longest run free of slots: from each candidate start up to the next slot or the pool's end. */
    private short largestFreeRun() {
        short largest = 0;
        for (short c = NONE; c < SLOT_COUNT; c++) {
            short start = c == NONE ? 0 : (inUse[c] == ENTRY_FREE ? NONE : (short) (offsets[c] + capacities[c]));
            if (start == NONE || overlapsSlot(start, (short) 1) || start >= POOL_SIZE) {
                continue;
            }
            short end = POOL_SIZE;
            for (short i = 0; i < SLOT_COUNT; i++) {
                if (inUse[i] != ENTRY_FREE && offsets[i] >= start && offsets[i] < end) {
                    end = offsets[i];
                }
            }
            if ((short) (end - start) > largest) {
                largest = (short) (end - start);
            }
        }
        return largest;
    }
}
