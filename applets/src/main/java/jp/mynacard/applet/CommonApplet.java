package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * The common AP (spec §1, C11), {@code D3 92 10 00 31 00 01 01 01 00}: selectable as on the real
 * card, whose contents are not public. The card selects it after every reset, so it also answers
 * what readers send before they select an application: SELECT of the master file (3F00) succeeds,
 * SELECT of an AID no application has reaches it (the runtime hands such a SELECT to the selected
 * applet) and gets 6A82, GET DATA of any tag 6A88, anything else 6D00 — never 6F00 or jcardsim's
 * 6999 of a card with nothing selected.
 */
public final class CommonApplet extends Applet {
    /** Spec §1: the instance registers under this AID whatever AID the card manager's INSTALL names. */
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00};
    static final byte INS_SELECT = (byte) 0xA4;
    static final byte INS_GET_DATA = (byte) 0xCA;
    static final byte P1_SELECT_MF_DF_EF = 0x00;
    static final short FID_MASTER_FILE = 0x3F00;
    static final short FID_LENGTH = 2;
    static final short SW_REFERENCED_DATA_NOT_FOUND = 0x6A88;

    private CommonApplet() {
    }

    public static void install(byte[] parameters, short offset, byte length) {
        new CommonApplet().register(AID, (short) 0, (byte) AID.length);
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        switch (apdu.getBuffer()[ISO7816.OFFSET_INS]) {
            case INS_SELECT: select(apdu); return;
            case INS_GET_DATA: ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND); return;
            default: ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    /** Only the master file is here; an AID that reached us is no application's. */
    private void select(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        if (buffer[ISO7816.OFFSET_P1] != P1_SELECT_MF_DF_EF) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        short length = apdu.setIncomingAndReceive();
        if (length == 0) {
            return; // no data: the master file, as ISO 7816-4 has it
        }
        if (length != FID_LENGTH || Util.getShort(buffer, apdu.getOffsetCdata()) != FID_MASTER_FILE) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
    }
}
