package jp.mynacard.host.freearea;

/** A slot as its tenant (SLOT INFO) or the counter (LIST SLOTS) sees it: policy, capacity and bytes in use. */
public record SlotInfo(SlotName name, ReadPolicy policy, int capacity, int size) {
    static final int ENCODED_LENGTH = 5;

    static SlotInfo decode(SlotName name, byte[] bytes, int offset) {
        return new SlotInfo(name, ReadPolicy.of(bytes[offset] & 0xFF),
                ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] & 0xFF),
                ((bytes[offset + 3] & 0xFF) << 8) | (bytes[offset + 4] & 0xFF));
    }
}
