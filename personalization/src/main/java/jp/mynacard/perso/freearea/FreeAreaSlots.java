package jp.mynacard.perso.freearea;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.FreeAreaListing;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.SlotFullException;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.SlotNotFoundException;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * The issuer's slot management on the free-area AP (docs/free-area.md), over the secure
 * personalization channel: at issuance or later at a municipal counter, on a live card.
 */
public final class FreeAreaSlots {
    static final int CLA = 0x80;
    static final int INS_CREATE_SLOT = 0xE0;
    static final int INS_DELETE_SLOT = 0xE4;
    static final int INS_GET_DATA = 0xCA;
    static final int TAG_SLOT_LIST = 0xC3;
    static final int SW_SLOT_EXISTS = 0x6A89;
    static final int SW_NOT_FOUND = 0x6A88;
    static final int SW_FULL = 0x6A84;
    /** The most a slot may hold (spec §8). */
    public static final int MAX_CAPACITY = 1024;

    private final PersonalizationSession session;

    private FreeAreaSlots(PersonalizationSession session) {
        this.session = session;
    }

    /** Selects the free-area AP and opens the issuer's channel with the card key diversified from {@code master}. */
    public static FreeAreaSlots open(ApduChannel channel, IssuerMasterKey master) {
        return new FreeAreaSlots(PersonalizationSession.open(channel, master, FreeAreaCard.AID, "free-area AP"));
    }

    /** The card's serial as printed in reports and audit lines (its ASCII, e.g. CT0000000001). */
    public String cardSerial() {
        return new String(session.channel().cardSerial(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Creates an empty slot of {@code capacity} bytes (1–1024) for the tenant's key.
     * {@link SlotFullException} when the free area has no room (nothing changes),
     * {@link SlotExistsException} when the name is taken.
     */
    public void create(SlotName name, ReadPolicy policy, int capacity, TenantKey key) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("a slot holds 1 to " + MAX_CAPACITY + " bytes, not " + capacity);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(name.encoded());
        data.write(policy.code());
        data.write(capacity >> 8);
        data.write(capacity);
        byte[] material = key.material();
        data.writeBytes(material);
        Arrays.fill(material, (byte) 0);
        byte[] plain = data.toByteArray();
        try {
            ResponseAPDU response = session.channel().transmit(new CommandAPDU(CLA, INS_CREATE_SLOT, 0, 0, plain));
            switch (response.getSW()) {
                case StatusWords.SW_NO_ERROR:
                    return;
                case SW_FULL:
                    throw new SlotFullException("no room for a " + capacity + "-byte slot " + name
                            + " in the free area (or every slot entry is taken); nothing changed", SW_FULL);
                case SW_SLOT_EXISTS:
                    throw new SlotExistsException(name);
                default:
                    throw new CardCommandException("CREATE SLOT " + name, response.getSW());
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Deletes the slot, its key and its data. {@link SlotNotFoundException} when there is none. */
    public void delete(SlotName name) {
        ResponseAPDU response = session.channel().transmit(new CommandAPDU(CLA, INS_DELETE_SLOT, 0, 0, name.encoded()));
        if (response.getSW() == SW_NOT_FOUND) {
            throw new SlotNotFoundException("no slot " + name + " on this card", SW_NOT_FOUND);
        }
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("DELETE SLOT " + name, response.getSW());
        }
    }

    /** Every slot, with the room left: for the counter's screen. */
    public FreeAreaListing list() {
        ResponseAPDU response = session.channel().transmit(new CommandAPDU(CLA, INS_GET_DATA, 0, TAG_SLOT_LIST, 256));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("LIST SLOTS", response.getSW());
        }
        return FreeAreaListing.decode(response.getData());
    }
}
