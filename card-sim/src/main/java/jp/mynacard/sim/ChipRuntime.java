package jp.mynacard.sim;

import com.licel.jcardsim.base.SimulatorRuntime;
import jp.mynacard.model.card.CardApplication;

/**
 * jcardsim's Java Card runtime with what the chip does at power-up: after every reset the common
 * AP is selected, so the commands a reader sends before it selects an application (SELECT of the
 * master file, of an AID the card does not have, GET DATA) are answered as a card answers them
 * (spec §1, C11) rather than with jcardsim's 6986 or 6999 of a runtime with nothing selected.
 */
final class ChipRuntime extends SimulatorRuntime {
    /** The SELECT of the application the chip selects at power-up, or null (a phone's secure element selects none). */
    private final byte[] selectAtPowerUp;

    ChipRuntime(CardApplication atPowerUp) {
        this.selectAtPowerUp = atPowerUp == null ? null : selectCommand(atPowerUp.aid());
    }

    @Override
    public void reset() {
        super.reset();
        selectAtPowerUp();
    }

    /** After the applets are installed, and after every reset. */
    void selectAtPowerUp() {
        if (selectAtPowerUp != null) {
            transmitCommand(selectAtPowerUp.clone());
        }
    }

    private static byte[] selectCommand(byte[] aid) {
        byte[] command = new byte[5 + aid.length];
        command[1] = (byte) 0xA4;
        command[2] = 0x04;
        command[3] = 0x0C;
        command[4] = (byte) aid.length;
        System.arraycopy(aid, 0, command, 5, aid.length);
        return command;
    }
}
