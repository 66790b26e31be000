package jp.mynacard.perso;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;

/**
 * The pre-lock personalization command set every AP answers (docs/personalization-commands.md):
 * SELECT, GENERATE KEY PAIR, UPDATE BINARY, SET PIN, LOCK — each checked for 9000.
 */
public final class PrelockCommands {
    private static final int CLA_ISO = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_GENERATE_KEY_PAIR = 0x46;
    private static final int INS_UPDATE_BINARY = 0xD6;
    private static final int INS_SET_PIN = 0x2C;
    private static final int INS_LOCK = 0x44;
    private static final int SELECT_BY_AID = 0x04;
    private static final int SELECT_EF = 0x02;
    private static final int SELECT_NO_FCI = 0x0C;
    private static final int SET_PIN_NEW_REFERENCE = 0x02;
    private static final int PIN_REFERENCE_LOCAL = 0x80;
    private static final int EXTENDED_LE_MAX = 65536;
    private static final int CHUNK = 255;

    private final ApduChannel channel;

    public PrelockCommands(ApduChannel channel) {
        this.channel = channel;
    }

    public void selectApplication(byte[] aid, String name) {
        expectOk("SELECT " + name, new CommandAPDU(CLA_ISO, INS_SELECT, SELECT_BY_AID, SELECT_NO_FCI, aid));
    }

    public void selectFile(int fid) {
        expectOk(String.format("SELECT EF %04X", fid),
                new CommandAPDU(CLA_ISO, INS_SELECT, SELECT_EF, SELECT_NO_FCI, new byte[] {(byte) (fid >> 8), (byte) fid}));
    }

    /** Has the card generate a key pair in that key EF; returns its public key. */
    public RSAPublicKey generateKeyPair(int keyFid) {
        selectFile(keyFid);
        byte[] template = expectOk(String.format("GENERATE KEY PAIR %04X", keyFid),
                new CommandAPDU(CLA_PROPRIETARY, INS_GENERATE_KEY_PAIR, 0, 0, EXTENDED_LE_MAX));
        return PublicKeyTemplate.decode(template);
    }

    /** Writes a whole EF from offset 0 upwards, in chunks a short APDU carries. */
    public void writeFile(int fid, byte[] content) {
        selectFile(fid);
        for (int offset = 0; offset < content.length; offset += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + CHUNK));
            expectOk(String.format("UPDATE BINARY %04X at %d", fid, offset),
                    new CommandAPDU(CLA_PROPRIETARY, INS_UPDATE_BINARY, offset >> 8, offset & 0xFF, chunk));
        }
    }

    /** Sets a PIN (ASCII) and wipes the caller's copy. */
    public void setPin(int pinFid, byte[] ascii) {
        selectFile(pinFid);
        try {
            expectOk(String.format("SET PIN %04X", pinFid),
                    new CommandAPDU(CLA_PROPRIETARY, INS_SET_PIN, SET_PIN_NEW_REFERENCE, PIN_REFERENCE_LOCAL, ascii));
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    public void lock() {
        expectOk("LOCK", new CommandAPDU(CLA_PROPRIETARY, INS_LOCK, 0, 0));
    }

    private byte[] expectOk(String what, CommandAPDU command) {
        ResponseAPDU response = channel.transmit(command);
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("personalization: " + what, response.getSW());
        }
        return response.getData();
    }
}
