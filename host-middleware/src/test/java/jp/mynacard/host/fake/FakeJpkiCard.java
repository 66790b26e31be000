package jp.mynacard.host.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import javax.crypto.Cipher;
import javax.smartcardio.CommandAPDU;

/**
 * A scripted JPKI AP (spec §2–§3): files, PIN counters, security state and real RSA
 * signatures, small enough to read, strict enough that a wrong APDU fails.
 * Every command it receives is kept in {@link #commands} for assertions.
 */
public final class FakeJpkiCard extends FakeFileSystemAp {
    public static final byte[] AID = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};
    public static final int AUTH_PIN = 0x0018;
    public static final int SIGN_PIN = 0x001B;
    private static final int AUTH_KEY = 0x0017;
    private static final int SIGN_KEY = 0x001A;
    private static final int SIGN_CERT = 0x0001;
    private static final int CERTIFICATE_AVAILABILITY = 0x0008;

    private final KeyPair authKey;
    private final KeyPair signKey;

    public FakeJpkiCard() {
        super(AID);
        byte[] cert = testCertificate();
        for (int fid : new int[] {0x000A, 0x000B, 0x0001, 0x0002}) {
            files.put(fid, cert);
        }
        files.put(CERTIFICATE_AVAILABILITY, new byte[] {(byte) 0x8F, (byte) 0x8F, 0x00});
        pins.define(AUTH_PIN, "1234", 3);
        pins.define(SIGN_PIN, "ABCDEF12", 5);
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

    /** A holder under 15's card: no signature certificate, and EF 0008 says so. */
    public FakeJpkiCard withoutSignatureCertificate() {
        files.remove(SIGN_CERT);
        files.put(CERTIFICATE_AVAILABILITY, new byte[] {0x00, (byte) 0x8F, 0x00});
        return this;
    }

    public KeyPair authKey() {
        return authKey;
    }

    public KeyPair signKey() {
        return signKey;
    }

    public String pin(int pinFid) {
        return pins.value(pinFid);
    }

    @Override
    protected byte[] answer(CommandAPDU c) {
        if (c.getCLA() == 0x00 && c.getINS() == 0xA4) {
            return select(c);
        }
        if (!apSelected) {
            return sw(0x6985);
        }
        return switch (c.getINS()) {
            case 0x24 -> change(c);
            case 0x2A -> c.getCLA() == 0x80 ? sign(c) : sw(0x6E00);
            default -> readOrVerify(c);
        };
    }

    /** The signature certificate needs the signature PIN; every other EF is free to read. */
    @Override
    boolean readable(int fid) {
        return fid != SIGN_CERT || pins.isVerified(SIGN_PIN);
    }

    @Override
    boolean exists(int fid) {
        return super.exists(fid) || fid == AUTH_KEY || fid == SIGN_KEY;
    }

    private byte[] change(CommandAPDU c) {
        if (c.getP1() != 0x01 || !pins.isVerified(selectedEf)) {
            return sw(0x6982);
        }
        pins.setValue(selectedEf, new String(c.getData(), java.nio.charset.StandardCharsets.US_ASCII));
        return sw(0x9000);
    }

    private byte[] sign(CommandAPDU c) {
        int pin = selectedEf == AUTH_KEY ? AUTH_PIN : selectedEf == SIGN_KEY ? SIGN_PIN : -1;
        if (pin < 0) {
            return sw(0x6986);
        }
        if (!pins.isVerified(pin)) {
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

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
