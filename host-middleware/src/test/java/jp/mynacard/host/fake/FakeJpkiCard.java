package jp.mynacard.host.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A scripted JPKI AP (spec §2–§3) behind a {@link CardChannel}: files, PIN counters, security
 * state and real RSA signatures, small enough to read, strict enough that a wrong APDU fails.
 * Every command it receives is kept in {@link #commands} for assertions.
 */
public final class FakeJpkiCard extends CardChannel {
    public static final byte[] AID = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
    public static final int AUTH_PIN = 0x0018;
    public static final int SIGN_PIN = 0x001B;
    private static final int AUTH_KEY = 0x0017;
    private static final int SIGN_KEY = 0x001A;
    private static final int SIGN_CERT = 0x0001;

    public final List<CommandAPDU> commands = new ArrayList<>();
    /** When false the card answers 6700 to extended-length READ BINARY, like a short-APDU-only reader. */
    public boolean extendedLength = true;
    /** Most bytes one extended READ BINARY returns (a card may return fewer than asked). */
    public int extendedChunk = 65536;
    /** The AID this card answers to; change it to play a card without the JPKI AP. */
    public byte[] aid = AID;
    /** When set, the next command fails as if the card were pulled out. */
    public boolean removed;

    private final Map<Integer, byte[]> files = new HashMap<>();
    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<Integer, Integer> tries = new HashMap<>();
    private final Map<Integer, Integer> maxTries = new HashMap<>();
    private final Set<Integer> verified = new HashSet<>();
    private final KeyPair authKey;
    private final KeyPair signKey;
    private boolean apSelected;
    private int selectedEf = -1;

    public FakeJpkiCard() {
        byte[] cert = testCertificate();
        for (int fid : new int[] {0x000A, 0x000B, 0x0001, 0x0002}) {
            files.put(fid, cert);
        }
        definePin(AUTH_PIN, "1234", 3);
        definePin(SIGN_PIN, "ABCDEF12", 5);
        authKey = rsaKeyPair();
        signKey = rsaKeyPair();
    }

    public static byte[] testCertificate() {
        try (InputStream in = FakeJpkiCard.class.getResourceAsStream("test-cert.der")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KeyPair authKey() {
        return authKey;
    }

    public KeyPair signKey() {
        return signKey;
    }

    public void setTries(int pinFid, int left) {
        tries.put(pinFid, left);
    }

    public int tries(int pinFid) {
        return tries.get(pinFid);
    }

    public String pin(int pinFid) {
        return pins.get(pinFid);
    }

    /** Commands with this INS received so far. */
    public long count(int ins) {
        return commands.stream().filter(c -> c.getINS() == ins).count();
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        if (removed) {
            throw new IllegalStateException("card removed");
        }
        commands.add(command);
        return new ResponseAPDU(answer(command));
    }

    private byte[] answer(CommandAPDU c) {
        if (c.getCLA() == 0x00 && c.getINS() == 0xA4) {
            return select(c);
        }
        if (!apSelected) {
            return sw(0x6985);
        }
        return switch (c.getINS()) {
            case 0xB0 -> readBinary(c);
            case 0x20 -> verify(c);
            case 0x24 -> change(c);
            case 0x2A -> c.getCLA() == 0x80 ? sign(c) : sw(0x6E00);
            default -> sw(0x6D00);
        };
    }

    private byte[] select(CommandAPDU c) {
        if (c.getP1() == 0x04) {
            apSelected = Arrays.equals(c.getData(), aid);
            verified.clear();
            selectedEf = -1;
            return sw(apSelected ? 0x9000 : 0x6A82);
        }
        if (c.getP1() != 0x02 || c.getNc() != 2 || !apSelected) {
            return sw(0x6A86);
        }
        int fid = ((c.getData()[0] & 0xFF) << 8) | (c.getData()[1] & 0xFF);
        boolean exists = files.containsKey(fid) || pins.containsKey(fid) || fid == AUTH_KEY || fid == SIGN_KEY;
        if (!exists) {
            return sw(0x6A82);
        }
        selectedEf = fid;
        return sw(0x9000);
    }

    private byte[] readBinary(CommandAPDU c) {
        byte[] file = files.get(selectedEf);
        if (file == null) {
            return sw(0x6986);
        }
        if (selectedEf == SIGN_CERT && !verified.contains(SIGN_PIN)) {
            return sw(0x6982);
        }
        boolean extended = c.getBytes().length > 5 || c.getNe() > 256;
        if (extended && !extendedLength) {
            return sw(0x6700);
        }
        int offset = (c.getP1() << 8) | c.getP2();
        if (offset >= file.length) {
            return sw(0x6B00);
        }
        int n = Math.min(file.length - offset, extended ? Math.min(c.getNe(), extendedChunk) : c.getNe());
        return withSw(Arrays.copyOfRange(file, offset, offset + n), 0x9000);
    }

    private byte[] verify(CommandAPDU c) {
        if (!pins.containsKey(selectedEf)) {
            return sw(0x6986);
        }
        int left = tries.get(selectedEf);
        if (c.getNc() == 0) {
            return sw(0x63C0 | left);
        }
        if (left == 0) {
            return sw(0x6983);
        }
        tries.put(selectedEf, --left); // decremented before the comparison, as OwnerPIN does
        if (!pins.get(selectedEf).equals(new String(c.getData(), java.nio.charset.StandardCharsets.US_ASCII))) {
            verified.remove(selectedEf);
            return sw(0x63C0 | left);
        }
        tries.put(selectedEf, maxTries.get(selectedEf));
        verified.add(selectedEf);
        return sw(0x9000);
    }

    private byte[] change(CommandAPDU c) {
        if (c.getP1() != 0x01 || !verified.contains(selectedEf)) {
            return sw(0x6982);
        }
        pins.put(selectedEf, new String(c.getData(), java.nio.charset.StandardCharsets.US_ASCII));
        return sw(0x9000);
    }

    private byte[] sign(CommandAPDU c) {
        int pin = selectedEf == AUTH_KEY ? AUTH_PIN : selectedEf == SIGN_KEY ? SIGN_PIN : -1;
        if (pin < 0) {
            return sw(0x6986);
        }
        if (!verified.contains(pin)) {
            return sw(0x6982);
        }
        if (c.getNc() > 245) {
            return sw(0x6700);
        }
        try {
            // private-key "encryption" with PKCS1Padding is exactly PKCS#1 v1.5 type-1 signing
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, (pin == AUTH_PIN ? authKey : signKey).getPrivate());
            return withSw(rsa.doFinal(c.getData()), 0x9000);
        } catch (GeneralSecurityException e) {
            return sw(0x6F00);
        }
    }

    private void definePin(int fid, String value, int max) {
        pins.put(fid, value);
        tries.put(fid, max);
        maxTries.put(fid, max);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    private static byte[] withSw(byte[] data, int sw) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        return 0;
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) {
        throw new UnsupportedOperationException("the library only sends CommandAPDUs");
    }

    @Override
    public void close() {
        throw new IllegalStateException("the basic channel cannot be closed");
    }

    /** The card as a {@link javax.smartcardio.CardTerminal} would hand it out. */
    public final Card card = new Card() {
        @Override
        public ATR getATR() {
            return new ATR(new byte[] {0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14});
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            return FakeJpkiCard.this;
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
            disconnects++;
        }
    };

    public int disconnects;
}
