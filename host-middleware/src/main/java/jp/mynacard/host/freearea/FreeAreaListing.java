package jp.mynacard.host.freearea;

import java.util.ArrayList;
import java.util.List;

/**
 * The counter's view of the free area (LIST SLOTS over the issuer's channel): pool size, the
 * largest run a new slot could take, free table entries and every slot. Tenants never see it.
 */
public record FreeAreaListing(int poolSize, int largestFreeRun, int freeEntries, List<SlotInfo> slots) {
    private static final int HEADER = 5;
    private static final int ENTRY = SlotName.LENGTH + SlotInfo.ENCODED_LENGTH;

    public FreeAreaListing {
        slots = List.copyOf(slots);
    }

    public static FreeAreaListing decode(byte[] data) {
        if (data.length < HEADER || (data.length - HEADER) % ENTRY != 0) {
            throw new MalformedSlotDataException("LIST SLOTS answered " + data.length + " bytes");
        }
        List<SlotInfo> slots = new ArrayList<>();
        for (int at = HEADER; at < data.length; at += ENTRY) {
            slots.add(SlotInfo.decode(SlotName.decode(data, at), data, at + SlotName.LENGTH));
        }
        return new FreeAreaListing(u16(data, 0), u16(data, 2), data[4] & 0xFF, slots);
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }
}
