package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link VirtualCard#blank()} installs the card-face APs beside JPKI; nothing personalizes them yet, so they are unfinished. */
class VirtualCardFaceApsTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({WireCard.INPUT_HELPER_AID + ",0011,0004", WireCard.SURFACE_AID + ",0013,0003"})
    void installedSelectableAndUnusableUntilPersonalized(String aid, String pinFid, String alwaysReadableFid) {
        VirtualCard card = VirtualCard.blank();
        assertEquals(0x9000, sw(card, "00A4040C0A" + aid));
        assertEquals(0x9000, sw(card, "00A4020C02" + pinFid));
        assertEquals(0x6985, sw(card, "0020008004" + "31323334"), "VERIFY before LOCK");
        assertEquals(0x6D00, sw(card, "80440000"), "no clear-text LOCK: personalization is only over the secure channel");
        assertEquals(0x9000, sw(card, "00A4020C02" + alwaysReadableFid));
        assertEquals(0x6B00, sw(card, "00B0000000"), "empty file");
        assertEquals(0x9000, sw(card, "00A4040C0A" + WireCard.JPKI_AID), "JPKI still there");
    }

    private static int sw(VirtualCard card, String apdu) {
        int sw = new ResponseAPDU(card.transmit(HEX.parseHex(apdu))).getSW();
        assertEquals(false, sw == 0x6F00, () -> "uncaught exception on the card for " + apdu);
        return sw;
    }
}
