package jp.mynacard.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jp.mynacard.host.freearea.SlotName;

/**
 * The valid sessions the fuzzer mutates, per AP: the spec's flows written out as APDUs (select,
 * read every EF in the three READ BINARY forms, the PINs' tries and VERIFY, CHANGE REFERENCE
 * DATA, COMPUTE DIGITAL SIGNATURE, GET DATA, the secure channels' opening commands, the free
 * area's reads) and, for the JPKI AP, the APDU traces recorded from OpenSC (PINs filled back in).
 */
final class ValidSessions {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] OPENSC_TRACES = {"opensc/pkcs11-tool-sign-auth-key.apdu", "opensc/pkcs11-tool-sign-sign-key.apdu"};
    /** The free area's slots the fuzz card holds (tenant 131016 千代田区): one open, one keyed, one never created. */
    static final SlotName OPEN = new SlotName("131016", 0x0001);
    static final SlotName KEYED = new SlotName("131016", 0x0101);
    private static final byte[] OPEN_SLOT = OPEN.encoded();
    private static final byte[] KEYED_SLOT = KEYED.encoded();
    private static final byte[] ABSENT_SLOT = new SlotName("999999", 0x0009).encoded();

    private ValidSessions() {
    }

    static List<List<byte[]>> of(FuzzedAp ap) {
        List<List<byte[]>> sessions = new ArrayList<>();
        if (ap == FuzzedAp.FREE_AREA) {
            sessions.add(freeArea());
            return sessions;
        }
        sessions.add(reads(ap));
        for (FuzzedAp.Pin pin : ap.pins) {
            sessions.add(pinUse(ap, pin));
            sessions.add(wrongPinUse(ap, pin));
        }
        sessions.add(channelOpening(ap));
        if (ap == FuzzedAp.JPKI) {
            for (String trace : OPENSC_TRACES) {
                sessions.add(openScTrace(trace));
            }
        }
        return sessions;
    }

    /** Select, then every EF read 4 bytes, 256 bytes, extended, and at an offset. */
    private static List<byte[]> reads(FuzzedAp ap) {
        List<byte[]> session = new ArrayList<>();
        session.add(ap.select());
        List<Integer> files = new ArrayList<>(ap.publicFiles);
        files.addAll(ap.protectedFiles);
        for (int fid : files) {
            session.add(FuzzedAp.selectFile(fid));
            session.add(HEX.parseHex("00B0000004"));
            session.add(HEX.parseHex("00B0000000"));
            session.add(HEX.parseHex("00B0000000000000"));
            session.add(HEX.parseHex("00B0010000"));
        }
        session.add(HEX.parseHex("80CA00C100"));
        session.add(HEX.parseHex("80CA00C200"));
        return session;
    }

    /** The PIN's tries, a right VERIFY, the protected files read, CHANGE REFERENCE DATA to the same value, a signature. */
    private static List<byte[]> pinUse(FuzzedAp ap, FuzzedAp.Pin pin) {
        List<byte[]> session = new ArrayList<>();
        session.add(ap.select());
        session.add(FuzzedAp.selectFile(pin.fid()));
        session.add(FuzzedAp.TRIES_QUERY);
        session.add(FuzzedAp.verify(pin.ascii()));
        for (int fid : ap.protectedFiles) {
            session.add(FuzzedAp.selectFile(fid));
            session.add(HEX.parseHex("00B0000000"));
        }
        if (pin.counter() != null) {
            session.add(FuzzedAp.selectFile(pin.fid()));
            session.add(ApduMutator.concat(new byte[] {0x00, 0x24, 0x01, (byte) 0x80, (byte) pin.ascii().length}, pin.ascii()));
        }
        for (int key : ap.keyFiles) {
            session.add(FuzzedAp.selectFile(key));
            session.add(sign(digestInfo("fuzz")));
        }
        return session;
    }

    /**
     * The right PIN, then a wrong one of the right format (one try spent, the verification gone),
     * the tries, then what the PIN opened: the protected files and keys must now be refused.
     */
    private static List<byte[]> wrongPinUse(FuzzedAp ap, FuzzedAp.Pin pin) {
        List<byte[]> session = new ArrayList<>();
        session.add(ap.select());
        session.add(FuzzedAp.selectFile(pin.fid()));
        session.add(FuzzedAp.verify(pin.ascii()));
        session.add(FuzzedAp.verify(pin.wrongValue()));
        session.add(FuzzedAp.TRIES_QUERY);
        for (int fid : ap.protectedFiles) {
            session.add(FuzzedAp.selectFile(fid));
            session.add(HEX.parseHex("00B0000000"));
        }
        for (FuzzedAp.Key key : ap.keys) {
            if (key.pin() == pin.fid()) {
                session.add(FuzzedAp.selectFile(key.fid()));
                session.add(sign(digestInfo("fuzz after a wrong PIN")));
            }
        }
        return session;
    }

    /** The personalization channel's first two commands (a cryptogram that cannot be right: the fuzzer has no key). */
    private static List<byte[]> channelOpening(FuzzedAp ap) {
        List<byte[]> session = new ArrayList<>();
        session.add(ap.select());
        session.add(HEX.parseHex("80CA00C100"));
        session.add(HEX.parseHex("8050000008" + "0102030405060708" + "00"));
        session.add(HEX.parseHex("8482000010" + "00112233445566778899AABBCCDDEEFF"));
        session.add(HEX.parseHex("84D6000A10" + "00112233445566778899AABBCCDDEEFF"));
        return session;
    }

    private static List<byte[]> freeArea() {
        List<byte[]> session = new ArrayList<>();
        session.add(FuzzedAp.FREE_AREA.select());
        session.add(HEX.parseHex("80CA00C100"));
        session.add(HEX.parseHex("80CA00C200"));
        for (byte[] slot : new byte[][] {OPEN_SLOT, KEYED_SLOT, ABSENT_SLOT}) {
            session.add(ApduMutator.concat(ApduMutator.concat(HEX.parseHex("80B0000008"), slot), new byte[] {0x00}));
            session.add(ApduMutator.concat(ApduMutator.concat(HEX.parseHex("80B0000408"), slot), new byte[] {0x10}));
            session.add(ApduMutator.concat(ApduMutator.concat(HEX.parseHex("8050010010"), slot), HEX.parseHex("010203040506070800")));
            session.add(HEX.parseHex("8482000010" + "00112233445566778899AABBCCDDEEFF"));
            session.add(HEX.parseHex("84CA00C400"));
            session.add(HEX.parseHex("84B0000000"));
            session.add(HEX.parseHex("84D6000010" + "0000" + "41424344454647484940414243444546"));
        }
        session.add(HEX.parseHex("8050000008" + "0102030405060708" + "00"));
        session.add(HEX.parseHex("8482000010" + "00112233445566778899AABBCCDDEEFF"));
        session.add(HEX.parseHex("84CA00C300"));
        session.add(HEX.parseHex("84E000001B" + HEX.formatHex(ABSENT_SLOT) + "00" + "0010" + "000102030405060708090A0B0C0D0E0F"));
        session.add(HEX.parseHex("84E4000008" + HEX.formatHex(OPEN_SLOT)));
        return session;
    }

    /** OpenSC's own APDUs against the JPKI AP, the withheld PIN put back from the PIN EF selected before it. */
    private static List<byte[]> openScTrace(String resource) {
        List<byte[]> session = new ArrayList<>();
        String text;
        try (InputStream in = ValidSessions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no trace on the class path: " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int selectedFid = -1;
        for (String line : text.lines().filter(l -> l.startsWith("> ")).toList()) {
            String hex = line.substring(2).trim();
            if (hex.endsWith("<pin>")) {
                int pinFid = selectedFid;
                byte[] pin = FuzzedAp.JPKI.pins.stream().filter(p -> p.fid() == pinFid).findFirst()
                        .orElse(FuzzedAp.JPKI.pins.get(0)).ascii();
                session.add(FuzzedAp.verify(pin));
                continue;
            }
            byte[] apdu = HEX.parseHex(hex);
            if (apdu.length == 7 && apdu[1] == (byte) 0xA4 && apdu[2] == 0x02) {
                selectedFid = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
            }
            session.add(apdu);
        }
        return session;
    }

    static byte[] sign(byte[] digestInfo) {
        byte[] apdu = ApduMutator.concat(new byte[] {(byte) 0x80, 0x2A, 0x00, (byte) 0x80, (byte) digestInfo.length}, digestInfo);
        return ApduMutator.concat(apdu, new byte[] {0x00});
    }

    /** SHA-256 DigestInfo of the text, as COMPUTE DIGITAL SIGNATURE takes it. */
    static byte[] digestInfo(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ApduMutator.concat(HEX.parseHex("3031300d060960864801650304020105000420"), hash);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
