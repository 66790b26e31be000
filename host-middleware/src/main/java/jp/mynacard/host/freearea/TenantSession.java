package jp.mynacard.host.freearea;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.Scp03Session;
import jp.mynacard.host.card.StatusWords;

/**
 * An authenticated tenant channel to one slot: SLOT INFO, READ (answers R-MACed, and encrypted
 * for a keyed slot) and WRITE (encrypted and C-MACed). Commands address the session's slot
 * only. Any MAC failure ends the session; open a new one with {@link FreeAreaCard#authenticate}.
 */
public final class TenantSession implements AutoCloseable {
    static final int INS_GET_DATA = 0xCA;
    static final int TAG_SLOT_INFO = 0xC4;
    static final int INS_WRITE = 0xD6;
    /** Plain bytes per WRITE so a short APDU carries it: 240 whole blocks − 1 padding − 2 offset. */
    public static final int WRITE_CHUNK = 237;
    /** Plain bytes per READ answer: padded to 240, plus the R-MAC, fits 256. */
    public static final int READ_CHUNK = 239;

    private final ApduChannel channel;
    private final Scp03Session session;
    private final SlotName name;
    private boolean open = true;

    TenantSession(ApduChannel channel, Scp03Session session, SlotName name) {
        this.channel = channel;
        this.session = session;
        this.name = name;
    }

    public SlotName slot() {
        return name;
    }

    public SlotInfo info() {
        byte[] data = expectOk("SLOT INFO", new CommandAPDU(FreeAreaCard.CLA, INS_GET_DATA, 0x00, TAG_SLOT_INFO, 256), false);
        if (data.length != SlotInfo.ENCODED_LENGTH) {
            throw new MalformedSlotDataException("SLOT INFO of " + name + " is " + data.length + " bytes, not 5");
        }
        return SlotInfo.decode(name, data, 0);
    }

    /** The slot's whole content. */
    public byte[] read() {
        SlotInfo info = info();
        boolean encrypted = info.policy() == ReadPolicy.KEYED;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < info.size()) {
            int offset = out.size();
            byte[] chunk = expectOk("READ at " + offset,
                    new CommandAPDU(FreeAreaCard.CLA, FreeAreaCard.INS_READ, offset >> 8, offset & 0xFF, 256), encrypted);
            if (chunk.length == 0) {
                throw new MalformedSlotDataException("slot " + name + " ended at " + offset + " of " + info.size() + " bytes");
            }
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /**
     * Replaces the slot's content, in chunks from offset 0 upwards; the size becomes the new
     * content's. {@link SlotFullException} before anything is sent when it exceeds the slot's
     * capacity; the card enforces the same (6A84, nothing written).
     */
    public void write(byte[] content) {
        int capacity = info().capacity();
        if (content.length > capacity) {
            throw new SlotFullException("slot " + name + " holds " + capacity + " bytes; " + content.length + " do not fit", FreeAreaCard.SW_FULL);
        }
        int offset = 0;
        do {
            int end = Math.min(content.length, offset + WRITE_CHUNK);
            writeAt(offset, Arrays.copyOfRange(content, offset, end));
            offset = end;
        } while (offset < content.length);
    }

    /** One WRITE: {@code offset} (2 bytes) and content, encrypted; the slot's size becomes offset + length. */
    public void writeAt(int offset, byte[] chunk) {
        byte[] data = new byte[2 + chunk.length];
        data[0] = (byte) (offset >> 8);
        data[1] = (byte) offset;
        System.arraycopy(chunk, 0, data, 2, chunk.length);
        try {
            expectOk("WRITE at " + offset, new CommandAPDU(FreeAreaCard.CLA, INS_WRITE, 0, 0, data), false);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    public boolean isOpen() {
        return open;
    }

    /** Ends the session on this side; the card ends it on deselection or reset. */
    @Override
    public void close() {
        open = false;
    }

    private byte[] expectOk(String what, CommandAPDU plain, boolean encrypted) {
        if (!open) {
            throw new IllegalStateException("the tenant session to " + name + " is closed; authenticate again");
        }
        ResponseAPDU response = channel.transmit(session.wrap(plain));
        int sw = response.getSW();
        if (sw == StatusWords.SW_NO_ERROR) {
            byte[] data = session.unwrap(response, encrypted);
            if (data == null) {
                open = false;
                throw new FreeAreaChannelException("slot " + name + ", " + what + ": the answer's R-MAC is wrong (altered on the way)", sw);
            }
            return data;
        }
        if (sw == FreeAreaCard.SW_SECURE_MESSAGING_INCORRECT || sw == 0x6982) {
            open = false;
            throw new FreeAreaChannelException("slot " + name + ", " + what + ": the card ended the session", sw);
        }
        if (sw == FreeAreaCard.SW_FULL) {
            throw new SlotFullException("slot " + name + ", " + what + ": beyond the slot's capacity; nothing written", sw);
        }
        throw new CardCommandException("slot " + name + ", " + what, sw);
    }
}
