package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the virtual card answers before a reader selects an application, and to what no
 * application has (spec §1, C11): as a card answers, never jcardsim's 6999 or 6986 of a runtime
 * with nothing selected, never 6F00.
 */
class ChipPowerUpTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String SELECT_COMMON_AP = "00A4040C0AD3921000310001010100";
    private static final String SELECT_JPKI_AP = "00A4040C0AD392F000260100000001";
    /** The issuer security domain's AID (GlobalPlatform), which readers probe. */
    private static final String SELECT_ISSUER_SECURITY_DOMAIN = "00A4040008A000000151000000";
    private static VirtualCard card;

    @BeforeAll
    static void issue() {
        card = VirtualCard.issue(Holder.sample());
    }

    @Test
    void atPowerUpTheMasterFileLevelAnswersLikeACard() {
        card.reset();
        assertEquals("9000", sw("00A40000023F00"), "SELECT of the master file");
        assertEquals("9000", sw("00A4000000"), "SELECT with no data: the master file");
        assertEquals("6A82", sw(SELECT_ISSUER_SECURITY_DOMAIN), "an AID the card does not have");
        assertEquals("6A82", sw("00A4040C07A0000000031010"), "another");
        assertEquals("6A88", sw("00CA5F5200"), "GET DATA of a tag it does not hold");
        assertEquals("6D00", sw("00B0000004"), "no EF to read at this level");
        assertEquals("6D00", sw("0070000001"), "MANAGE CHANNEL is not offered");
    }

    @Test
    void theCommonApIsSelectableAndResetReturnsToIt() {
        assertEquals("9000", sw(SELECT_COMMON_AP));
        assertEquals("9000", sw(SELECT_JPKI_AP));
        assertEquals("9000", sw("00A4020C020006"), "the JPKI AP's token EF");
        card.reset();
        assertEquals("6A82", sw("00A4020C020006"), "after reset no application is selected any more");
    }

    @Test
    void anUnknownAidLeavesTheSelectedApplicationSelected() {
        card.reset();
        assertEquals("9000", sw(SELECT_JPKI_AP));
        assertEquals("6A82", sw(SELECT_ISSUER_SECURITY_DOMAIN));
        assertEquals("9000", sw("00A4020C020006"), "the JPKI AP still answers");
    }

    private static String sw(String command) {
        byte[] response = card.transmit(HEX.parseHex(command));
        return HEX.formatHex(response, response.length - 2, response.length);
    }
}
