package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.licel.jcardsim.smartcardio.CardSimulator;
import java.util.HexFormat;
import javacard.framework.AID;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A jcardsim card driven with raw APDUs written as in the spec's tables ("00 A4 02 0C 02 000A").
 * Every answer is checked for 6F00, which is jcardsim's mask for an exception the applet let escape.
 */
final class WireCard {
    static final String JPKI_AID = "D392F000260100000001";
    static final String INPUT_HELPER_AID = "D3921000310001010408";
    static final String SURFACE_AID = "D3921000310001010402";
    private static final HexFormat HEX = HexFormat.of();

    final CardSimulator simulator = new CardSimulator();

    WireCard installJpki() {
        return install(JPKI_AID);
    }

    WireCard install(String aidHex) {
        return install(aidHex, JpkiApplet.class);
    }

    WireCard install(String aidHex, Class<? extends javacard.framework.Applet> applet) {
        byte[] aid = HEX.parseHex(aidHex);
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet);
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
        ResponseAPDU response = new ResponseAPDU(simulator.transmitCommand(apdu));
        assertNotEquals(0x6F00, response.getSW(), () -> "uncaught exception on the card for " + HEX.formatHex(apdu));
        return response;
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
        simulator.reset();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }
}
