package jp.mynacard.model.card;

/**
 * The commands whose data is a PIN: VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER
 * (ISO 7816-4). What an APDU log or trace leaves out, whoever writes it.
 */
public final class PinCommands {
    public static final int INS_VERIFY = 0x20;
    public static final int INS_CHANGE_REFERENCE_DATA = 0x24;
    public static final int INS_RESET_RETRY_COUNTER = 0x2C;

    private PinCommands() {
    }

    /** Whether a command with this INS carries a PIN (or a new one) in its data field. */
    public static boolean carriesPin(int ins) {
        return ins == INS_VERIFY || ins == INS_CHANGE_REFERENCE_DATA || ins == INS_RESET_RETRY_COUNTER;
    }
}
