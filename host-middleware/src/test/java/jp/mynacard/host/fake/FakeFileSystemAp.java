package jp.mynacard.host.fake;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.smartcardio.CommandAPDU;

/**
 * What the scripted APs (JPKI, spec §2–§3; card face, §4–§5) share: their EFs and PIN counters,
 * SELECT of the AP and of an EF, READ BINARY under each AP's own read conditions, VERIFY.
 */
abstract class FakeFileSystemAp extends FakeCard {
    /** The AID this AP answers to; change it to play a card without this AP. */
    public byte[] aid;
    protected final Map<Integer, byte[]> files = new HashMap<>();
    protected final FakePins pins = new FakePins();
    protected boolean apSelected;
    protected int selectedEf = -1;

    FakeFileSystemAp(byte[] aid) {
        this.aid = aid;
    }

    /** The EF's bytes, live: tests tamper with them. */
    public byte[] file(int fid) {
        return files.get(fid);
    }

    public void setFile(int fid, byte[] content) {
        files.put(fid, content);
    }

    public int tries(int pinFid) {
        return pins.tries(pinFid);
    }

    public void setTries(int pinFid, int left) {
        pins.setTries(pinFid, left);
    }

    /** Whether the PINs verified so far open this EF for READ BINARY. */
    abstract boolean readable(int fid);

    /** Whether SELECT EF finds this FID; the EFs and the PINs, and what a subclass adds. */
    boolean exists(int fid) {
        return files.containsKey(fid) || pins.isPin(fid);
    }

    /** READ BINARY (B0) and VERIFY (20); everything else 6D00. */
    byte[] readOrVerify(CommandAPDU c) {
        return switch (c.getINS()) {
            case 0xB0 -> read(c);
            case 0x20 -> pins.isPin(selectedEf) ? sw(pins.verify(selectedEf, c)) : sw(0x6986);
            default -> sw(0x6D00);
        };
    }

    byte[] select(CommandAPDU c) {
        if (c.getP1() == 0x04) {
            apSelected = Arrays.equals(c.getData(), aid);
            pins.resetSecurityState();
            selectedEf = -1;
            return sw(apSelected ? 0x9000 : 0x6A82);
        }
        if (c.getP1() != 0x02 || c.getNc() != 2 || !apSelected) {
            return sw(0x6A86);
        }
        int fid = fid(c);
        if (!exists(fid)) {
            return sw(0x6A82);
        }
        selectedEf = fid;
        return sw(0x9000);
    }

    byte[] read(CommandAPDU c) {
        byte[] file = files.get(selectedEf);
        if (file == null) {
            return sw(0x6986);
        }
        return readable(selectedEf) ? readBinary(c, file) : sw(0x6982);
    }
}
