package jp.mynacard.host.fake;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import javax.crypto.Cipher;
import javax.smartcardio.CommandAPDU;

/**
 * A scripted card-surface AP (spec §2, §5): the five EFs, the three PIN counters, the read
 * conditions — age record after the birth-date key, front face after PIN-A or PIN-B, back face
 * after PIN-A, AP information and signer certificate always — and card authentication with the
 * chip's own RSA key pair (EF 0017), which signs whatever DigestInfo it is sent, no PIN.
 */
public final class FakeSurfaceCard extends FakeFileSystemAp {
    public static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02};
    public static final int BIRTH_DATE_KEY = 0x0011;
    public static final int PIN_B = 0x0012;
    public static final int PIN_A = 0x0013;
    public static final int CARD_AUTH_KEY = 0x0017;

    private final KeyPair chipKey;

    public FakeSurfaceCard() {
        this(SurfaceTestData.sample());
    }

    /** A chip personalized with {@code data}, holding the key pair it was issued with. */
    public FakeSurfaceCard(SurfaceTestData data) {
        this(data, data.cardKey());
    }

    /** A chip holding {@code data} but its own {@code chipKey}: a copy of another card's data, say. */
    public FakeSurfaceCard(SurfaceTestData data, KeyPair chipKey) {
        super(AID);
        this.chipKey = chipKey;
        files.put(0x0001, data.ageRecord());
        files.put(0x0002, data.frontFace());
        files.put(0x0003, data.apInfo());
        files.put(0x0004, data.signerCertificate());
        files.put(0x0005, data.backFace());
        pins.define(BIRTH_DATE_KEY, SurfaceTestData.BIRTH_DATE_KEY, 10);
        pins.define(PIN_B, SurfaceTestData.PIN_B, 10);
        pins.define(PIN_A, SurfaceTestData.MY_NUMBER, 10);
    }

    @Override
    protected byte[] answer(CommandAPDU c) {
        if (c.getCLA() == 0x00 && c.getINS() == 0xA4) {
            return select(c);
        }
        if (!apSelected) {
            return sw(0x6985);
        }
        if (c.getCLA() == 0x80 && c.getINS() == 0x2A) {
            return computeSignature(c);
        }
        if (c.getCLA() != 0x00) {
            return sw(0x6E00);
        }
        return readOrVerify(c);
    }

    @Override
    boolean exists(int fid) {
        return fid == CARD_AUTH_KEY || super.exists(fid);
    }

    @Override
    byte[] read(CommandAPDU c) {
        return selectedEf == CARD_AUTH_KEY ? sw(0x6982) : super.read(c); // a key EF is never readable
    }

    @Override
    boolean readable(int fid) {
        return switch (fid) {
            case 0x0001 -> pins.isVerified(BIRTH_DATE_KEY);
            case 0x0002 -> pins.isVerified(PIN_A) || pins.isVerified(PIN_B);
            case 0x0005 -> pins.isVerified(PIN_A);
            default -> true;
        };
    }

    /** PKCS#1 v1.5 signature of the DigestInfo sent, with the chip's private key: no PIN needed. */
    private byte[] computeSignature(CommandAPDU c) {
        // P2 00: the AP's own key, as the real card answers 80 2A 00 00; P2 80: the selected key EF
        if (c.getP1() != 0x00 || (c.getP2() != 0x00 && c.getP2() != 0x80)) {
            return sw(0x6A86);
        }
        if (c.getP2() == 0x80 && selectedEf != CARD_AUTH_KEY) {
            return sw(0x6985);
        }
        if (c.getNc() == 0 || c.getNc() > 245) {
            return sw(0x6700);
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, chipKey.getPrivate());
            return withSw(cipher.doFinal(c.getData()), 0x9000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
