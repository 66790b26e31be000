package jp.mynacard.perso.channel;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.perso.PublicKeyTemplate;

/**
 * The personalization command set of docs/personalization-commands.md over an authenticated
 * {@link SecureChannel} to one AP: GENERATE KEY PAIR, UPDATE BINARY, SET PIN, LOCK and WIPE,
 * each addressed by FID in P1-P2 and checked for 9000. Used at issuance and by counters after LOCK.
 */
public final class PersonalizationSession {
    private static final int CLA = SecureChannel.CLA_PROPRIETARY;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_GENERATE_KEY_PAIR = 0x46;
    private static final int INS_UPDATE_BINARY = 0xD6;
    private static final int INS_SET_PIN = 0x2C;
    private static final int INS_LOCK = 0x44;
    private static final int INS_WIPE = 0x0E;
    private static final int SELECT_BY_AID = 0x04;
    private static final int SELECT_NO_FCI = 0x0C;
    private static final int EXTENDED_LE_MAX = 65536;
    /**
     * Content bytes per UPDATE BINARY so that a short APDU carries it: 255 - 8 MAC = 247, down
     * to whole AES blocks = 240, less one padding byte and the 2-byte offset.
     */
    static final int CHUNK = (255 - SecureChannel.MAC_LENGTH) / 16 * 16 - 1 - 2;

    private final ApduChannel channel;
    private final SecureChannel secure;
    private final String application;

    private PersonalizationSession(ApduChannel channel, SecureChannel secure, String application) {
        this.channel = channel;
        this.secure = secure;
        this.application = application;
    }

    /** Selects the AP and authenticates to it. */
    public static PersonalizationSession open(ApduChannel channel, IssuerMasterKey master, byte[] aid, String application) {
        select(channel, aid, application);
        return new PersonalizationSession(channel, SecureChannel.open(channel, master), application);
    }

    /**
     * LOCKs the AP unless it is locked already (a second LOCK answers 6985), for a card whose LOCKs a
     * pull interrupted; the status is read before any channel is opened. True when LOCK was sent.
     */
    public static boolean lockUnlessLocked(ApduChannel channel, IssuerMasterKey master, byte[] aid, String application) {
        select(channel, aid, application);
        if (SecureChannel.readStatus(channel).isLocked()) {
            return false;
        }
        open(channel, master, aid, application).lock();
        return true;
    }

    private static void select(ApduChannel channel, byte[] aid, String application) {
        ResponseAPDU selected = channel.transmit(new CommandAPDU(0x00, INS_SELECT, SELECT_BY_AID, SELECT_NO_FCI, aid));
        if (selected.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("SELECT " + application, selected.getSW());
        }
    }

    /**
     * Opens a session for issuing the AP: refused if it is already locked; a torn earlier
     * personalization (some files written, no LOCK) is wiped first, so nothing of it survives.
     */
    public static PersonalizationSession forIssuance(ApduChannel channel, IssuerMasterKey master, byte[] aid, String application) {
        PersonalizationSession session = open(channel, master, aid, application);
        PersonalizationStatus status = session.status();
        if (!status.isPersonalizable()) {
            throw new IllegalStateException("the " + application + " is already issued (life cycle "
                    + Integer.toHexString(status.lifeCycle()) + "): only counter operations remain");
        }
        if (status.isUnfinished()) {
            session.wipe();
        }
        return session;
    }

    public PersonalizationStatus status() {
        return SecureChannel.readStatus(channel);
    }

    /** Has the card generate a key pair in that key EF; returns its public key. */
    public RSAPublicKey generateKeyPair(int keyFid) {
        byte[] template = expectOk(String.format("GENERATE KEY PAIR %04X", keyFid),
                new CommandAPDU(CLA, INS_GENERATE_KEY_PAIR, keyFid >> 8, keyFid & 0xFF, EXTENDED_LE_MAX));
        return PublicKeyTemplate.decode(template);
    }

    /** Writes a whole EF from offset 0 upwards, in chunks a short APDU carries. */
    public void writeFile(int fid, byte[] content) {
        for (int offset = 0; offset < content.length; offset += CHUNK) {
            int end = Math.min(content.length, offset + CHUNK);
            byte[] data = new byte[2 + end - offset];
            data[0] = (byte) (offset >> 8);
            data[1] = (byte) offset;
            System.arraycopy(content, offset, data, 2, end - offset);
            try {
                expectOk(String.format("UPDATE BINARY %04X at %d", fid, offset),
                        new CommandAPDU(CLA, INS_UPDATE_BINARY, fid >> 8, fid & 0xFF, data));
            } finally {
                Arrays.fill(data, (byte) 0);
            }
        }
    }

    /** Sets a PIN (ASCII) and restores its try counter; wipes the caller's copy. */
    public void setPin(int pinFid, byte[] ascii) {
        try {
            expectOk(String.format("SET PIN %04X", pinFid), new CommandAPDU(CLA, INS_SET_PIN, pinFid >> 8, pinFid & 0xFF, ascii));
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    /** Ends the personalization (or a counter's renewal): refused unless every file is in place. */
    public void lock() {
        expectOk("LOCK", new CommandAPDU(CLA, INS_LOCK, 0, 0));
    }

    /** Before LOCK only: every key, PIN and file personalization writes is cleared. */
    public void wipe() {
        expectOk("WIPE", new CommandAPDU(CLA, INS_WIPE, 0, 0));
    }

    /** The channel itself, for commands this class has no method for. */
    public SecureChannel channel() {
        return secure;
    }

    private byte[] expectOk(String what, CommandAPDU command) {
        ResponseAPDU response = secure.transmit(command);
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("personalization of the " + application + ": " + what, response.getSW());
        }
        return response.getData();
    }
}
