package jp.mynacard.host.card;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The host's half of one SCP03-like session under a static AES-128 key, as the card's
 * {@code SecureSession} runs it (docs/personalization-commands.md, "Wrapping"; docs/free-area.md
 * for the encrypted answers): session keys from both challenges, the two cryptograms, C-MAC
 * chain and counter, command encryption, R-MAC check and answer decryption. It sends nothing;
 * the channel classes around it do.
 */
public final class Scp03Session {
    public static final int CHALLENGE_LENGTH = 8;
    public static final int MAC_LENGTH = 8;
    public static final int CLA_SECURED = 0x84;
    public static final int INS_EXTERNAL_AUTHENTICATE = 0x82;
    private static final int BLOCK = 16;
    private static final int DERIVE_CARD_CRYPTOGRAM = 0x00;
    private static final int DERIVE_HOST_CRYPTOGRAM = 0x01;
    private static final int DERIVE_S_ENC = 0x04;
    private static final int DERIVE_S_MAC = 0x06;
    private static final int DERIVE_S_RMAC = 0x07;
    private static final int SCP03_LABEL_LENGTH = 12;
    private static final int RESPONSE_ICV_MARK = 0x80;
    private static final int SHORT_LE = 256;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final byte[] SW_OK = {(byte) 0x90, 0x00};

    private final byte[] context;
    private final SecretKey sessionEnc;
    private final SecretKey sessionMac;
    private final SecretKey sessionRmac;
    private byte[] macChain = new byte[BLOCK];
    private byte[] chainOfLastCommand = new byte[BLOCK];
    private int counter;

    private Scp03Session(SecretKey key, byte[] hostChallenge, byte[] cardChallenge) {
        context = concat(hostChallenge, cardChallenge);
        sessionEnc = derivedKey(key, DERIVE_S_ENC);
        sessionMac = derivedKey(key, DERIVE_S_MAC);
        sessionRmac = derivedKey(key, DERIVE_S_RMAC);
    }

    /** Session keys for the challenges exchanged by INITIALIZE UPDATE. */
    public static Scp03Session derive(SecretKey key, byte[] hostChallenge, byte[] cardChallenge) {
        return new Scp03Session(key, hostChallenge, cardChallenge);
    }

    /** Whether the card's cryptogram proves it holds the same static key. */
    public boolean isCardCryptogram(byte[] cryptogram) {
        return MessageDigest.isEqual(cryptogram, kdf(sessionMac, DERIVE_CARD_CRYPTOGRAM, 64));
    }

    /** {@code 84 82 00 00 10 <host cryptogram> <C-MAC>}: counter 0 of the session. */
    public CommandAPDU externalAuthenticate() {
        return withMac(INS_EXTERNAL_AUTHENTICATE, 0, 0, kdf(sessionMac, DERIVE_HOST_CRYPTOGRAM, 64), 0);
    }

    /**
     * The wire form of a command given in plain form: CLA 84, data = AES-CBC(S-ENC, ICV =
     * AES(S-ENC, counter), data || 80 00..) || C-MAC. Advances chain and counter.
     */
    public CommandAPDU wrap(CommandAPDU plain) {
        byte[] cryptogram = plain.getNc() == 0 ? new byte[0] : encrypt(plain.getData());
        int ne = plain.getNe() == 0 ? SHORT_LE : plain.getNe();
        return withMac(plain.getINS(), plain.getP1(), plain.getP2(), cryptogram, ne);
    }

    /**
     * The answer to the command wrapped last, R-MAC checked and removed (and its data decrypted
     * when {@code encrypted}); null when the R-MAC is wrong. Only a 9000 answer carries one.
     */
    public byte[] unwrap(ResponseAPDU response, boolean encrypted) {
        byte[] data = response.getData();
        if (data.length < MAC_LENGTH) {
            return null;
        }
        byte[] body = Arrays.copyOf(data, data.length - MAC_LENGTH);
        byte[] expected = Arrays.copyOf(cmac(sessionRmac, chainOfLastCommand, body, SW_OK), MAC_LENGTH);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, body.length, data.length))) {
            return null;
        }
        return encrypted ? decryptAnswer(body) : body;
    }

    private CommandAPDU withMac(int ins, int p1, int p2, byte[] cryptogram, int ne) {
        byte[] header = {(byte) CLA_SECURED, (byte) ins, (byte) p1, (byte) p2};
        byte[] counterBytes = {(byte) (counter >> 8), (byte) counter};
        byte[] length = {(byte) (cryptogram.length >> 8), (byte) cryptogram.length};
        macChain = cmac(sessionMac, macChain, counterBytes, header, length, cryptogram);
        chainOfLastCommand = macChain.clone();
        counter++;
        byte[] data = concat(cryptogram, Arrays.copyOf(macChain, MAC_LENGTH));
        return ne == 0 ? new CommandAPDU(CLA_SECURED, ins, p1, p2, data) : new CommandAPDU(CLA_SECURED, ins, p1, p2, data, ne);
    }

    private byte[] encrypt(byte[] plain) {
        int padded = (plain.length / BLOCK + 1) * BLOCK;
        byte[] block = Arrays.copyOf(plain, padded);
        block[plain.length] = (byte) 0x80;
        try {
            return aesCbc(Cipher.ENCRYPT_MODE, icv(0, counter), block);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** ICV = AES(S-ENC, 80 00.. counter of the command); padding 80 00.. removed. */
    private byte[] decryptAnswer(byte[] cryptogram) {
        if (cryptogram.length == 0 || cryptogram.length % BLOCK != 0) {
            return null;
        }
        byte[] plain = aesCbc(Cipher.DECRYPT_MODE, icv(RESPONSE_ICV_MARK, counter - 1), cryptogram);
        int end = plain.length - 1;
        while (end > 0 && plain[end] == 0) {
            end--;
        }
        if (plain[end] != (byte) 0x80) {
            return null;
        }
        byte[] data = Arrays.copyOf(plain, end);
        Arrays.fill(plain, (byte) 0);
        return data;
    }

    private byte[] icv(int mark, int ofCounter) {
        byte[] block = new byte[BLOCK];
        block[0] = (byte) mark;
        block[BLOCK - 2] = (byte) (ofCounter >> 8);
        block[BLOCK - 1] = (byte) ofCounter;
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, sessionEnc);
            return ecb.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    private byte[] aesCbc(int mode, byte[] iv, byte[] data) {
        try {
            Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
            cbc.init(mode, sessionEnc, new IvParameterSpec(iv));
            return cbc.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    private SecretKey derivedKey(SecretKey key, int constant) {
        byte[] material = kdf(key, constant, 128);
        try {
            return new SecretKeySpec(material, "AES");
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** SCP03 layout: 11 zeros and the constant, 00, L (bits, 2 bytes), counter 01, both challenges. */
    private byte[] kdf(SecretKey key, int constant, int bits) {
        byte[] label = new byte[SCP03_LABEL_LENGTH];
        label[SCP03_LABEL_LENGTH - 1] = (byte) constant;
        byte[] tail = {0, (byte) (bits >> 8), (byte) bits, 1};
        return Arrays.copyOf(cmac(key, label, tail, context), bits / 8);
    }

    private static byte[] cmac(SecretKey key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("AESCMAC", PROVIDER);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CMAC unavailable", e);
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
