package jp.mynacard.perso;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;

/**
 * Issues the JPKI AP of a freshly installed card with the pre-lock command set of
 * docs/personalization-commands.md: keys generated on the card, certificates from the centre
 * for those keys, PINs, then the irreversible LOCK.
 */
public final class JpkiPersonalizer {
    static final byte[] JPKI_AID = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
    static final int EF_AUTH_CERT = 0x000A;
    static final int EF_AUTH_CA_CERT = 0x000B;
    static final int EF_SIGN_CERT = 0x0001;
    static final int EF_SIGN_CA_CERT = 0x0002;
    static final int EF_AUTH_KEY = 0x0017;
    static final int EF_AUTH_PIN = 0x0018;
    static final int EF_SIGN_KEY = 0x001A;
    static final int EF_SIGN_PIN = 0x001B;

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

    public JpkiPersonalizer(ApduChannel channel) {
        this.channel = channel;
    }

    /** Personalizes and locks the JPKI AP; returns what the centre issued. */
    public IssuedCertificates personalize(Holder holder, JpkiPins pins, CertificateIssuer issuer) {
        selectApplication();
        RSAPublicKey authKey = generateKeyPair(EF_AUTH_KEY);
        RSAPublicKey signKey = generateKeyPair(EF_SIGN_KEY);
        IssuedCertificates issued = issuer.issue(holder, authKey, signKey);
        writeFile(EF_AUTH_CERT, issued.authCertificate());
        writeFile(EF_AUTH_CA_CERT, issued.authCaCertificate());
        writeFile(EF_SIGN_CERT, issued.signCertificate());
        writeFile(EF_SIGN_CA_CERT, issued.signCaCertificate());
        setPin(EF_AUTH_PIN, pins.authPin());
        setPin(EF_SIGN_PIN, pins.signPin());
        expectOk("LOCK", new CommandAPDU(CLA_PROPRIETARY, INS_LOCK, 0, 0));
        return issued;
    }

    private void selectApplication() {
        expectOk("SELECT JPKI AP", new CommandAPDU(CLA_ISO, INS_SELECT, SELECT_BY_AID, SELECT_NO_FCI, JPKI_AID));
    }

    private void selectFile(int fid) {
        expectOk(String.format("SELECT EF %04X", fid),
                new CommandAPDU(CLA_ISO, INS_SELECT, SELECT_EF, SELECT_NO_FCI, new byte[] {(byte) (fid >> 8), (byte) fid}));
    }

    private RSAPublicKey generateKeyPair(int keyFid) {
        selectFile(keyFid);
        byte[] template = expectOk(String.format("GENERATE KEY PAIR %04X", keyFid),
                new CommandAPDU(CLA_PROPRIETARY, INS_GENERATE_KEY_PAIR, 0, 0, EXTENDED_LE_MAX));
        return PublicKeyTemplate.decode(template);
    }

    private void writeFile(int fid, byte[] content) {
        selectFile(fid);
        for (int offset = 0; offset < content.length; offset += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + CHUNK));
            expectOk(String.format("UPDATE BINARY %04X at %d", fid, offset),
                    new CommandAPDU(CLA_PROPRIETARY, INS_UPDATE_BINARY, offset >> 8, offset & 0xFF, chunk));
        }
    }

    private void setPin(int pinFid, char[] pin) {
        selectFile(pinFid);
        byte[] ascii = new String(pin).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(pin, '\0');
        try {
            expectOk(String.format("SET PIN %04X", pinFid),
                    new CommandAPDU(CLA_PROPRIETARY, INS_SET_PIN, SET_PIN_NEW_REFERENCE, PIN_REFERENCE_LOCAL, ascii));
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private byte[] expectOk(String what, CommandAPDU command) {
        ResponseAPDU response = channel.transmit(command);
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("personalization: " + what, response.getSW());
        }
        return response.getData();
    }
}
