package jp.mynacard.host.fake;

import javax.smartcardio.CommandAPDU;

/**
 * A scripted card-input-helper AP (spec §2, §4): the four EFs, the three PIN counters and the
 * read conditions — My Number after PIN or PIN-A, attributes after PIN or PIN-B, the signature
 * after any of them, the signer certificate always.
 */
public final class FakeInputHelperCard extends FakeFileSystemAp {
    public static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08};
    public static final int PIN = 0x0011;
    public static final int PIN_A = 0x0014;
    public static final int PIN_B = 0x0015;
    public static final String PIN_VALUE = "1234";
    public static final String PIN_B_VALUE = "01033120345678";

    public FakeInputHelperCard() {
        this(InputHelperTestData.sample());
    }

    public FakeInputHelperCard(InputHelperTestData data) {
        super(AID);
        files.put(0x0001, data.myNumber());
        files.put(0x0002, data.attributes());
        files.put(0x0003, data.signature());
        files.put(0x0004, data.signerCertificate());
        pins.define(PIN, PIN_VALUE, 3);
        pins.define(PIN_A, InputHelperTestData.MY_NUMBER, 10);
        pins.define(PIN_B, PIN_B_VALUE, 10);
    }

    @Override
    protected byte[] answer(CommandAPDU c) {
        if (c.getCLA() == 0x00 && c.getINS() == 0xA4) {
            return select(c);
        }
        if (!apSelected) {
            return sw(0x6985);
        }
        return readOrVerify(c);
    }

    @Override
    boolean readable(int fid) {
        boolean pin = pins.isVerified(PIN);
        boolean a = pins.isVerified(PIN_A);
        boolean b = pins.isVerified(PIN_B);
        return switch (fid) {
            case 0x0001 -> pin || a;
            case 0x0002 -> pin || b;
            case 0x0003 -> pin || a || b;
            default -> true;
        };
    }
}
