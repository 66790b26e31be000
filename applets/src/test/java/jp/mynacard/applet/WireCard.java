package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.licel.jcardsim.smartcardio.CardSimulator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javacard.framework.AID;
import javax.crypto.KeyGenerator;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.channel.ChipInstallData;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * A jcardsim card driven with raw APDUs written as in the spec's tables ("00 A4 02 0C 02 000A").
 * Every answer is checked for 6F00, which is jcardsim's mask for an exception the applet let escape.
 * Applets are installed as the factory installs them (this card's serial and the card key
 * diversified from {@link #ISSUER}); personalization commands go through a secure-channel
 * session to the AP selected last ({@link #secure}), and every APDU is kept in {@link #trace}.
 */
final class WireCard {
    static final String JPKI_AID = "D392F000260100000001";
    static final String INPUT_HELPER_AID = "D3921000310001010408";
    static final String SURFACE_AID = "D3921000310001010402";
    static final String FREE_AREA_AID = "D3921000310001010501";
    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicLong SERIALS = new AtomicLong();
    /** The issuer master key of the wire tests' cards: fresh per run, never fixed in the repository. */
    static final IssuerMasterKey ISSUER = newIssuerKey();

    static {
        // jcardsim's RandomData is fixed-seed unless told otherwise (card-sim's CardRandomness says why)
        System.setProperty("com.licel.jcardsim.randomdata.secure", "1");
    }

    final CardSimulator simulator = new CardSimulator();
    final String serial;
    /** Every command and its answer, in order, as bytes on the wire. */
    final List<byte[]> trace = new ArrayList<>();
    private byte[] selectedAid;
    private PersonalizationSession session;

    WireCard() {
        this(String.format("WC%010d", SERIALS.incrementAndGet()));
    }

    /** A card with this serial: two cards of one serial share the card key, as a re-made chip would. */
    WireCard(String serial) {
        this.serial = serial;
    }

    static IssuerMasterKey newIssuerKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            return new IssuerMasterKey(generator.generateKey());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    WireCard installJpki() {
        return install(JPKI_AID);
    }

    WireCard install(String aidHex) {
        return install(aidHex, JpkiApplet.class);
    }

    WireCard install(String aidHex, Class<? extends javacard.framework.Applet> applet) {
        return install(aidHex, applet, null);
    }

    /** With an install option byte after the card key (the JPKI AP's token form). */
    WireCard install(String aidHex, Class<? extends javacard.framework.Applet> applet, Byte option) {
        byte[] aid = HEX.parseHex(aidHex);
        byte[] data = ChipInstallData.of(aid, serial.getBytes(StandardCharsets.US_ASCII), ISSUER, option);
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, data, (short) 0, (byte) data.length);
        return this;
    }

    /** The three APs of the chip, as {@code VirtualCard.blank()} installs them. */
    WireCard installAll() {
        return install(JPKI_AID).install(INPUT_HELPER_AID, InputHelperApplet.class).install(SURFACE_AID, SurfaceApplet.class);
    }

    ResponseAPDU send(String apduHex) {
        return send(HEX.parseHex(apduHex.replace(" ", "")));
    }

    ResponseAPDU send(CommandAPDU command) {
        return send(command.getBytes());
    }

    ResponseAPDU send(byte[] apdu) {
        if (PowerCut.powerIsCut()) {
            throw new PowerCut.PowerLoss();
        }
        if (apdu.length > 4 && apdu[0] == 0 && apdu[1] == (byte) 0xA4 && apdu[2] == 0x04) {
            // a SELECT by AID ends any session (the card deselects the AP)
            session = null;
            selectedAid = java.util.Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF));
        }
        byte[] answer = simulator.transmitCommand(apdu);
        trace.add(apdu.clone());
        trace.add(answer.clone());
        if (PowerCut.powerIsCut()) {
            // the tearing harness cut the power mid-command (PowerCut): the card never answered
            throw new PowerCut.PowerLoss();
        }
        ResponseAPDU response = new ResponseAPDU(answer);
        assertNotEquals(0x6F00, response.getSW(), () -> "uncaught exception on the card for " + HEX.formatHex(apdu));
        return response;
    }

    /** This card as the host library sees one: every APDU still goes through {@link #send}. */
    ApduChannel apdus() {
        return apdus(java.util.function.UnaryOperator.identity());
    }

    /** As {@link #apdus()}, with every answer passed through {@code onTheWay} (a meddling reader). */
    ApduChannel apdus(java.util.function.UnaryOperator<ResponseAPDU> onTheWay) {
        return ApduChannel.over(new CardChannel() {
            @Override
            public Card getCard() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int getChannelNumber() {
                return 0;
            }

            @Override
            public ResponseAPDU transmit(CommandAPDU command) {
                return onTheWay.apply(send(command.getBytes()));
            }

            @Override
            public int transmit(ByteBuffer command, ByteBuffer response) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * The personalization session to the AP selected last, opened (SELECT again, mutual
     * authentication with {@link #ISSUER}) if there is none or the last one was closed by an error.
     */
    PersonalizationSession perso() {
        if (session == null || !session.channel().isOpen()) {
            if (selectedAid == null) {
                throw new IllegalStateException("select an AP first");
            }
            session = PersonalizationSession.open(apdus(), ISSUER, selectedAid, "AP " + HEX.formatHex(selectedAid));
        }
        return session;
    }

    /** One command given in plain form (80 INS P1 P2 data), sent wrapped in the session; the answer unwrapped. */
    ResponseAPDU secure(CommandAPDU plain) {
        return perso().channel().transmit(plain);
    }

    byte[] secureOk(CommandAPDU plain) {
        ResponseAPDU response = secure(plain);
        assertTrue(response.getSW() == 0x9000, () -> "secured " + HEX.formatHex(plain.getBytes()) + " answered " + Integer.toHexString(response.getSW()));
        return response.getData();
    }

    // the personalization commands in plain form, for secure(): docs/personalization-commands.md

    static CommandAPDU generateKeyPair(int keyFid) {
        return new CommandAPDU(0x80, 0x46, keyFid >> 8, keyFid & 0xFF, 65536);
    }

    /** UPDATE BINARY: data = offset (2 bytes) and content. */
    static CommandAPDU updateBinary(int fid, int offset, byte[] content) {
        byte[] data = new byte[2 + content.length];
        data[0] = (byte) (offset >> 8);
        data[1] = (byte) offset;
        System.arraycopy(content, 0, data, 2, content.length);
        return new CommandAPDU(0x80, 0xD6, fid >> 8, fid & 0xFF, data);
    }

    static CommandAPDU setPin(int pinFid, String pin) {
        return new CommandAPDU(0x80, 0x2C, pinFid >> 8, pinFid & 0xFF, pin.getBytes(StandardCharsets.US_ASCII));
    }

    static CommandAPDU lockCommand() {
        return new CommandAPDU(0x80, 0x44, 0x00, 0x00);
    }

    static CommandAPDU wipeCommand() {
        return new CommandAPDU(0x80, 0x0E, 0x00, 0x00);
    }

    /**
     * What a locked AP answers to personalization: the clear-text forms are unknown (6D00), the
     * secured forms need a session (6982), and inside one every command but the counter's set
     * is refused (6985): no key, no EF outside the renewable ones, no second LOCK, no WIPE.
     */
    void assertRefusesPersonalization(int keyFid, int efFid) {
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6D00, send("8046000000").getSW(), "clear GENERATE KEY PAIR"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6D00, send("80D6000003FF100C").getSW(), "clear UPDATE BINARY"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6D00, send("802C02800431323334").getSW(), "clear SET PIN"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6D00, send("80440000").getSW(), "clear LOCK"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6982, send("8444000008" + "0000000000000000").getSW(), "no session"));
        org.junit.jupiter.api.Assertions.assertAll(
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6985, secure(generateKeyPair(keyFid)).getSW(), "GENERATE KEY PAIR"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6985, secure(updateBinary(efFid, 0, new byte[] {0x30})).getSW(), "UPDATE BINARY"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6985, secure(lockCommand()).getSW(), "LOCK"),
                () -> org.junit.jupiter.api.Assertions.assertEquals(0x6985, secure(wipeCommand()).getSW(), "WIPE"));
    }

    /** LOCK in the session; returns the status word. */
    int lock() {
        return secure(lockCommand()).getSW();
    }

    /** Sends and returns just the status word, e.g. 0x9000. */
    int sw(String apduHex) {
        return send(apduHex).getSW();
    }

    byte[] ok(String apduHex) {
        ResponseAPDU response = send(apduHex);
        assertTrue(response.getSW() == 0x9000, () -> apduHex + " answered " + Integer.toHexString(response.getSW()));
        return response.getData();
    }

    byte[] ok(CommandAPDU command) {
        ResponseAPDU response = send(command);
        assertTrue(response.getSW() == 0x9000, () -> HEX.formatHex(command.getBytes()) + " answered " + Integer.toHexString(response.getSW()));
        return response.getData();
    }

    void selectJpki() {
        ok("00A4040C0A" + JPKI_AID);
    }

    void selectInputHelper() {
        ok("00A4040C0A" + INPUT_HELPER_AID);
    }

    void selectFreeArea() {
        ok("00A4040C0A" + FREE_AREA_AID);
    }

    void selectSurface() {
        ok("00A4040C0A" + SURFACE_AID);
    }

    void selectEf(String fid) {
        ok("00A4020C02" + fid);
    }

    /** VERIFY with an ASCII PIN against the selected PIN EF. */
    int verify(String pin) {
        return send(new CommandAPDU(0x00, 0x20, 0x00, 0x80, pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).getSW();
    }

    /** Power cycle: transient memory (selection, verified PINs) is gone, persistent memory stays. */
    void reset() {
        session = null;
        simulator.reset();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }
}
