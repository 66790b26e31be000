package jp.mynacard.perso.channel;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.StatusWords;

/**
 * The host's end of the secure personalization channel to the selected AP
 * (docs/personalization-commands.md): mutual authentication with the card key diversified from
 * the issuer master key and the card's serial, then every command MACed over the chain and a
 * counter, its data AES-CBC encrypted, and every 9000 answer's R-MAC checked.
 */
public final class SecureChannel {
    static final int CLA_PROPRIETARY = 0x80;
    static final int CLA_SECURED = 0x84;
    static final int INS_GET_DATA = 0xCA;
    static final int TAG_CARD_SERIAL = 0xC1;
    static final int TAG_PERSONALIZATION_STATUS = 0xC2;
    static final int INS_INITIALIZE_UPDATE = 0x50;
    static final int INS_EXTERNAL_AUTHENTICATE = 0x82;
    static final int CHALLENGE_LENGTH = 8;
    static final int MAC_LENGTH = 8;
    static final int SW_AUTHENTICATION_FAILED = 0x6300;
    static final int SW_AUTHENTICATION_BLOCKED = 0x6983;
    static final int SW_SECURE_MESSAGING_INCORRECT = 0x6988;
    static final int SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    private static final int DERIVE_CARD_CRYPTOGRAM = 0x00;
    private static final int DERIVE_HOST_CRYPTOGRAM = 0x01;
    private static final int DERIVE_S_ENC = 0x04;
    private static final int DERIVE_S_MAC = 0x06;
    private static final int DERIVE_S_RMAC = 0x07;
    private static final int SHORT_LE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApduChannel channel;
    private final SecretKey sessionEnc;
    private final SecretKey sessionMac;
    private final SecretKey sessionRmac;
    private byte[] macChain = new byte[AesCmacKdf.BLOCK];
    private int counter;
    private boolean open = true;

    private SecureChannel(ApduChannel channel, SecretKey sessionEnc, SecretKey sessionMac, SecretKey sessionRmac) {
        this.channel = channel;
        this.sessionEnc = sessionEnc;
        this.sessionMac = sessionMac;
        this.sessionRmac = sessionRmac;
    }

    /** The selected AP's card serial (GET DATA C1, no authentication needed). */
    public static byte[] readSerial(ApduChannel channel) {
        return getData(channel, TAG_CARD_SERIAL, "card serial");
    }

    /** The selected AP's life cycle and which of its files are personalized (GET DATA C2). */
    public static PersonalizationStatus readStatus(ApduChannel channel) {
        return PersonalizationStatus.decode(getData(channel, TAG_PERSONALIZATION_STATUS, "personalization status"));
    }

    private static byte[] getData(ApduChannel channel, int tag, String what) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(CLA_PROPRIETARY, INS_GET_DATA, 0x00, tag, SHORT_LE));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("GET DATA " + what, response.getSW());
        }
        return response.getData();
    }

    /**
     * Authenticates to the AP selected on {@code channel}: the card proves it holds the key
     * diversified from {@code master} for its serial, then the host proves the same.
     */
    public static SecureChannel open(ApduChannel channel, IssuerMasterKey master) {
        CardKey cardKey = master.diversify(readSerial(channel));
        byte[] hostChallenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(hostChallenge);
        ResponseAPDU answer = channel.transmit(new CommandAPDU(CLA_PROPRIETARY, INS_INITIALIZE_UPDATE, 0, 0, hostChallenge, SHORT_LE));
        if (answer.getSW() == SW_AUTHENTICATION_BLOCKED) {
            throw new SecureChannelException("the card's personalization channel is blocked after too many failed authentications");
        }
        if (answer.getSW() != StatusWords.SW_NO_ERROR || answer.getData().length != 2 * CHALLENGE_LENGTH) {
            throw new CardCommandException("INITIALIZE UPDATE", answer.getSW());
        }
        byte[] data = answer.getData();
        byte[] context = concat(hostChallenge, Arrays.copyOf(data, CHALLENGE_LENGTH));
        byte[] cardCryptogram = Arrays.copyOfRange(data, CHALLENGE_LENGTH, 2 * CHALLENGE_LENGTH);
        SecretKey key = cardKey.key();
        SecretKey sessionMac = AesCmacKdf.scp03Key(key, DERIVE_S_MAC, context);
        if (!MessageDigest.isEqual(cardCryptogram, AesCmacKdf.scp03(sessionMac, DERIVE_CARD_CRYPTOGRAM, 64, context))) {
            throw new SecureChannelException("the card's cryptogram does not match: it does not hold this issuer's key for its serial");
        }
        SecureChannel secure = new SecureChannel(channel, AesCmacKdf.scp03Key(key, DERIVE_S_ENC, context), sessionMac,
                AesCmacKdf.scp03Key(key, DERIVE_S_RMAC, context));
        byte[] hostCryptogram = AesCmacKdf.scp03(sessionMac, DERIVE_HOST_CRYPTOGRAM, 64, context);
        ResponseAPDU authenticated = channel.transmit(secure.macOnly(INS_EXTERNAL_AUTHENTICATE, hostCryptogram));
        if (authenticated.getSW() == SW_AUTHENTICATION_FAILED) {
            throw new SecureChannelException("the card refused the host cryptogram");
        }
        if (authenticated.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("EXTERNAL AUTHENTICATE", authenticated.getSW());
        }
        return secure;
    }

    /**
     * Wraps, sends and unwraps one command given in its plain form ({@code 80 INS P1 P2 data}):
     * a 9000 answer comes back with its R-MAC checked and removed; any other is returned as is.
     */
    public ResponseAPDU transmit(CommandAPDU plain) {
        CommandAPDU wrapped = wrap(plain);
        byte[] chainOfCommand = macChain.clone();
        ResponseAPDU response = channel.transmit(wrapped);
        int sw = response.getSW();
        if (sw == SW_SECURE_MESSAGING_INCORRECT || sw == SW_SECURITY_STATUS_NOT_SATISFIED) {
            open = false;
        }
        if (sw != StatusWords.SW_NO_ERROR) {
            return response;
        }
        byte[] data = response.getData();
        if (data.length < MAC_LENGTH) {
            throw new SecureChannelException("the card's answer lacks its R-MAC");
        }
        byte[] body = Arrays.copyOf(data, data.length - MAC_LENGTH);
        byte[] expected = Arrays.copyOf(AesCmacKdf.cmac(sessionRmac, chainOfCommand, body, new byte[] {(byte) 0x90, 0x00}), MAC_LENGTH);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, body.length, data.length))) {
            open = false;
            throw new SecureChannelException("the card's answer has a wrong R-MAC: it was altered on the way");
        }
        return new ResponseAPDU(concat(body, new byte[] {(byte) 0x90, 0x00}));
    }

    /**
     * The wire form of the next command: CLA 84, data = AES-CBC(S-ENC, ICV = AES(S-ENC, counter),
     * data || 80 00..) || C-MAC. Advances the chain and counter, as sending it would; exposed so
     * tests can show that a command sent out of turn is refused.
     */
    public CommandAPDU wrap(CommandAPDU plain) {
        if (!open) {
            throw new IllegalStateException("the secure channel was closed by an error; open a new one");
        }
        byte[] cryptogram = plain.getNc() == 0 ? new byte[0] : encrypt(plain.getData());
        int ne = plain.getNe() == 0 ? SHORT_LE : plain.getNe();
        return withMac(plain.getINS(), plain.getP1(), plain.getP2(), cryptogram, ne);
    }

    public boolean isOpen() {
        return open;
    }

    private CommandAPDU macOnly(int ins, byte[] data) {
        return withMac(ins, 0, 0, data, 0);
    }

    private CommandAPDU withMac(int ins, int p1, int p2, byte[] cryptogram, int ne) {
        byte[] header = {(byte) CLA_SECURED, (byte) ins, (byte) p1, (byte) p2};
        byte[] counterBytes = {(byte) (counter >> 8), (byte) counter};
        byte[] length = {(byte) (cryptogram.length >> 8), (byte) cryptogram.length};
        macChain = AesCmacKdf.cmac(sessionMac, macChain, counterBytes, header, length, cryptogram);
        counter++;
        byte[] data = concat(cryptogram, Arrays.copyOf(macChain, MAC_LENGTH));
        return ne == 0 ? new CommandAPDU(CLA_SECURED, ins, p1, p2, data) : new CommandAPDU(CLA_SECURED, ins, p1, p2, data, ne);
    }

    private byte[] encrypt(byte[] plain) {
        int padded = (plain.length / AesCmacKdf.BLOCK + 1) * AesCmacKdf.BLOCK;
        byte[] block = Arrays.copyOf(plain, padded);
        block[plain.length] = (byte) 0x80;
        try {
            byte[] icv = new byte[AesCmacKdf.BLOCK];
            icv[AesCmacKdf.BLOCK - 2] = (byte) (counter >> 8);
            icv[AesCmacKdf.BLOCK - 1] = (byte) counter;
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, sessionEnc);
            Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
            cbc.init(Cipher.ENCRYPT_MODE, sessionEnc, new IvParameterSpec(ecb.doFinal(icv)));
            return cbc.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
