package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.APDUException;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * The free-area AP (空き領域, spec §8; docs/free-area.md): tenant slots for what municipalities
 * and approved bodies put on the card (seal registration, library card, staff ID, points).
 * Slots are created and deleted by the issuer over the personalization channel; each tenant
 * reads and writes only its own slot over a channel keyed by that slot's key; an open slot can
 * also be read by anyone who names it. An absent slot, a keyed one read openly and another
 * tenant's slot all answer as nothing is there.
 */
public final class FreeAreaApplet extends Applet {
    /** Spec §1: the instance registers under this AID whatever AID the card manager's INSTALL names. */
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x05, 0x01};
    static final byte CLA_PROPRIETARY = (byte) 0x80;
    static final byte CLA_SECURED = (byte) 0x84;
    static final byte INS_GET_DATA = (byte) 0xCA;
    static final byte INS_READ = (byte) 0xB0;
    static final byte INS_WRITE = (byte) 0xD6;
    static final byte INS_CREATE_SLOT = (byte) 0xE0;
    static final byte INS_DELETE_SLOT = (byte) 0xE4;
    static final byte TAG_CARD_SERIAL = (byte) 0xC1;
    static final byte TAG_PERSONALIZATION_STATUS = (byte) 0xC2;
    /** GET DATA C2 outside an issuer session: the life cycle byte alone. */
    static final short LIFE_CYCLE_ONLY = 1;
    static final byte TAG_SLOT_LIST = (byte) 0xC3;
    static final byte TAG_SLOT_INFO = (byte) 0xC4;
    static final byte P1_ISSUER_KEY = 0x00;
    static final byte P1_TENANT_KEY = 0x01;
    /** The free area has no personalization of its own to finish: it is in use from install. */
    static final byte LCS_OPERATIONAL_ACTIVATED = 0x05;
    static final short SW_REFERENCED_DATA_NOT_FOUND = 0x6A88;
    /** Name (8), policy (1), capacity (2), key (16). */
    static final short CREATE_DATA_LENGTH = (short) (TenantSlots.NAME_LENGTH + 1 + 2 + SecureSession.KEY_LENGTH);
    /** Plain bytes per secured READ: padded to 240 and with its R-MAC the answer fits 256. */
    static final short SECURED_READ_CHUNK = 239;
    static final short OPEN_READ_CHUNK = 256;
    /** The part of the shared scratch the free area uses: header, the largest short Lc, room to pad and MAC a 256-byte answer. */
    private static final short SCRATCH_LENGTH = 5 + 255 + 24;

    private final PersonalizationChannel issuer;
    private final TenantSlots slots;
    private final TenantChannel tenant;
    private final byte[] scratch;

    private FreeAreaApplet(byte[] install, short offset, byte length) {
        SharedWorkspace workspace = SharedWorkspace.get();
        issuer = new PersonalizationChannel(install, offset, length, workspace);
        slots = new TenantSlots();
        tenant = new TenantChannel(slots, workspace);
        scratch = workspace.scratch;
    }

    public static void install(byte[] install, short offset, byte length) {
        new FreeAreaApplet(install, offset, length).register(AID, (short) 0, (byte) AID.length);
    }

    public boolean select() {
        // a DELETE SLOT torn by a pulled card is finished before anything else is answered
        slots.finishDeletions();
        closeSessions();
        return true;
    }

    public void deselect() {
        closeSessions();
    }

    private void closeSessions() {
        issuer.close();
        tenant.close();
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        byte cla = buffer[ISO7816.OFFSET_CLA];
        try {
            if (cla == CLA_SECURED) {
                secured(apdu);
            } else if (cla == CLA_PROPRIETARY) {
                clear(apdu, buffer[ISO7816.OFFSET_INS]);
            } else if (cla == 0x00) {
                // ISO class: only SELECT by AID, which the runtime handles, would be ours
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
            } else {
                ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
            }
        } catch (APDUException e) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
    }

    private void clear(APDU apdu, byte ins) {
        byte[] buffer = apdu.getBuffer();
        switch (ins) {
            case INS_GET_DATA:
                getData(apdu);
                return;
            case PersonalizationChannel.INS_INITIALIZE_UPDATE:
                if (buffer[ISO7816.OFFSET_P1] == P1_TENANT_KEY) {
                    issuer.close();
                    tenant.initializeUpdate(apdu);
                } else {
                    tenant.close();
                    issuer.initializeUpdate(apdu);
                }
                return;
            case INS_READ:
                readOpen(apdu);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    /**
     * GET DATA C1 (serial), what the issuer's host needs to open its channel, and C2: the life
     * cycle, and the issuer channel's tries left inside an issuer session only (the free area is
     * in the holder's hands from install: a stranger learns nothing of attacks on the channel).
     */
    private void getData(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        if (buffer[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short length;
        switch (buffer[ISO7816.OFFSET_P2]) {
            case TAG_CARD_SERIAL:
                length = issuer.writeSerial(scratch, (short) 0);
                break;
            case TAG_PERSONALIZATION_STATUS:
                scratch[0] = LCS_OPERATIONAL_ACTIVATED;
                length = LIFE_CYCLE_ONLY;
                if (issuer.isOpen()) {
                    scratch[length++] = issuer.triesRemaining();
                }
                break;
            default:
                ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND);
                return;
        }
        send(apdu, length);
    }

    /**
     * {@code 80 B0 <offset> 08 <slot name> <Le>}: an open slot's data, no key needed. A keyed
     * slot and an absent one both answer 6A88.
     */
    private void readOpen(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        short offset = Util.getShort(buffer, ISO7816.OFFSET_P1);
        if (apdu.setIncomingAndReceive() != TenantSlots.NAME_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short slot = slots.find(buffer, apdu.getOffsetCdata());
        if (slot == TenantSlots.NONE || !slots.isOpenForReading(slot)) {
            ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND);
        }
        short max = apdu.setOutgoing();
        if (max <= 0 || max > OPEN_READ_CHUNK) {
            max = OPEN_READ_CHUNK;
        }
        short length = slots.read(slot, offset, scratch, (short) 0, max);
        apdu.setOutgoingLength(length);
        apdu.sendBytesLong(scratch, (short) 0, length);
    }

    /** Every CLA 84 command: MAC checked and data decrypted first, by the session it belongs to. */
    private void secured(APDU apdu) {
        short length = receiveCommand(apdu);
        byte ins = scratch[ISO7816.OFFSET_INS];
        if (ins == PersonalizationChannel.INS_EXTERNAL_AUTHENTICATE) {
            if (tenant.isInitialized()) {
                tenant.externalAuthenticate(scratch, length);
            } else {
                issuer.externalAuthenticate(scratch, length);
            }
            return;
        }
        short responseLength = 0;
        try {
            responseLength = tenant.isOpen() ? tenantCommand(ins, length) : issuerCommand(ins, length);
        } finally {
            // a slot key or a tenant's data does not outlive the command in the clear
            wipeScratchFrom(responseLength);
        }
        send(apdu, responseLength);
    }

    /** CREATE SLOT, DELETE SLOT, LIST SLOTS: the counter's operations. Returns the wrapped answer's length. */
    private short issuerCommand(byte ins, short length) {
        short plainLength = issuer.unwrap(scratch, length);
        short p1p2 = Util.getShort(scratch, ISO7816.OFFSET_P1);
        short answer = 0;
        switch (ins) {
            case INS_CREATE_SLOT: createSlot(p1p2, plainLength); break;
            case INS_DELETE_SLOT: deleteSlot(p1p2, plainLength); break;
            case INS_GET_DATA:
                requireNoData(p1p2, TAG_SLOT_LIST, plainLength);
                answer = slots.writeListing(scratch, (short) 0);
                break;
            case INS_READ:
            case INS_WRITE:
                // the tenant's commands: the issuer has no key to a slot's data
                ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
                break;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
        return issuer.wrapResponse(scratch, (short) 0, answer);
    }

    /** READ, WRITE, SLOT INFO on the session's own slot. Returns the wrapped answer's length. */
    private short tenantCommand(byte ins, short length) {
        short plainLength = tenant.unwrap(scratch, length);
        short slot = tenant.slot();
        short p1p2 = Util.getShort(scratch, ISO7816.OFFSET_P1);
        switch (ins) {
            case INS_READ:
                if (plainLength != 0) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                short read = slots.read(slot, p1p2, scratch, (short) 0, SECURED_READ_CHUNK);
                return slots.isOpenForReading(slot)
                        ? tenant.wrapResponse(scratch, (short) 0, read)
                        : tenant.encryptAndWrapResponse(scratch, (short) 0, read);
            case INS_WRITE:
                if (p1p2 != 0) {
                    ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
                }
                if (plainLength < 2) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                slots.write(slot, Util.getShort(scratch, ISO7816.OFFSET_CDATA), scratch, (short) (ISO7816.OFFSET_CDATA + 2), (short) (plainLength - 2));
                return tenant.wrapResponse(scratch, (short) 0, (short) 0);
            case INS_GET_DATA:
                requireNoData(p1p2, TAG_SLOT_INFO, plainLength);
                return tenant.wrapResponse(scratch, (short) 0, slots.writeInfo(slot, scratch, (short) 0));
            case INS_CREATE_SLOT:
            case INS_DELETE_SLOT:
                ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
                return 0;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
                return 0;
        }
    }

    /** Plain data: name (8), policy 00 open / 01 keyed, capacity (2, 1..1024), key (16). */
    private void createSlot(short p1p2, short plainLength) {
        if (p1p2 != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (plainLength != CREATE_DATA_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short at = ISO7816.OFFSET_CDATA;
        byte policy = scratch[(short) (at + TenantSlots.NAME_LENGTH)];
        short capacity = Util.getShort(scratch, (short) (at + TenantSlots.NAME_LENGTH + 1));
        if (!TenantSlots.isWellFormedName(scratch, at)
                || (policy != TenantSlots.POLICY_OPEN && policy != TenantSlots.POLICY_KEYED)
                || capacity <= 0 || capacity > TenantSlots.MAX_CAPACITY) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        slots.create(scratch, at, policy, capacity, scratch, (short) (at + TenantSlots.NAME_LENGTH + 3));
    }

    /** Plain data: name (8). 6A88 when there is no such slot. */
    private void deleteSlot(short p1p2, short plainLength) {
        if (p1p2 != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (plainLength != TenantSlots.NAME_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short slot = slots.find(scratch, ISO7816.OFFSET_CDATA);
        if (slot == TenantSlots.NONE) {
            ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND);
        }
        slots.delete(slot);
    }

    private static void requireNoData(short p1p2, byte tag, short plainLength) {
        if (p1p2 != (short) (tag & 0xFF)) {
            ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND);
        }
        if (plainLength != 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
    }

    private void send(APDU apdu, short length) {
        apdu.setOutgoing();
        apdu.setOutgoingLength(length);
        apdu.sendBytesLong(scratch, (short) 0, length);
    }

    private void wipeScratchFrom(short from) {
        Util.arrayFillNonAtomic(scratch, from, (short) (SCRATCH_LENGTH - from), (byte) 0);
    }

    /**
     * Receives a whole command into scratch as the sessions read it: header at 0..3, data from
     * {@link ISO7816#OFFSET_CDATA}; returns the data length.
     */
    private short receiveCommand(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        Util.arrayCopyNonAtomic(buffer, (short) 0, scratch, (short) 0, (short) 4);
        short received = apdu.setIncomingAndReceive();
        short total = apdu.getIncomingLength();
        if (total > (short) (SCRATCH_LENGTH - ISO7816.OFFSET_CDATA)) {
            closeSessions();
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short dataOffset = apdu.getOffsetCdata();
        short at = ISO7816.OFFSET_CDATA;
        while (received > 0) {
            Util.arrayCopyNonAtomic(buffer, dataOffset, scratch, at, received);
            at += received;
            received = apdu.receiveBytes(dataOffset);
        }
        return (short) (at - ISO7816.OFFSET_CDATA);
    }
}
