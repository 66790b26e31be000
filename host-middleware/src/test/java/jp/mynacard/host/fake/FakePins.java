package jp.mynacard.host.fake;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.smartcardio.CommandAPDU;

/** The PIN EFs of one fake AP: values, counters and the session's verified set (spec §2 VERIFY rules). */
final class FakePins {
    private final Map<Integer, String> values = new HashMap<>();
    private final Map<Integer, Integer> tries = new HashMap<>();
    private final Map<Integer, Integer> maxTries = new HashMap<>();
    private final Set<Integer> verified = new HashSet<>();

    void define(int fid, String value, int max) {
        values.put(fid, value);
        tries.put(fid, max);
        maxTries.put(fid, max);
    }

    boolean isPin(int fid) {
        return values.containsKey(fid);
    }

    boolean isVerified(int fid) {
        return verified.contains(fid);
    }

    /** SELECT AP: security state is transient, counters are not. */
    void resetSecurityState() {
        verified.clear();
    }

    String value(int fid) {
        return values.get(fid);
    }

    void setValue(int fid, String value) {
        values.put(fid, value);
    }

    int tries(int fid) {
        return tries.get(fid);
    }

    void setTries(int fid, int left) {
        tries.put(fid, left);
    }

    /** The SW of VERIFY against {@code fid}, with or without data. */
    int verify(int fid, CommandAPDU c) {
        int left = tries.get(fid);
        if (c.getNc() == 0) {
            return 0x63C0 | left;
        }
        if (left == 0) {
            return 0x6984; // the My Number card once a PIN is blocked (spec §2, C6)
        }
        tries.put(fid, --left); // decremented before the comparison, as OwnerPIN does
        if (!values.get(fid).equals(new String(c.getData(), StandardCharsets.US_ASCII))) {
            verified.remove(fid);
            return 0x63C0 | left;
        }
        tries.put(fid, maxTries.get(fid));
        verified.add(fid);
        return 0x9000;
    }
}
