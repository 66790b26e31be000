package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import jp.mynacard.host.cardface.CardAttributes;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.MyNumber;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;

/** Hard holder data issued onto a card and read back through the host library unchanged. */
class CardFaceRoundTripTest {
    /** 髙 and 𠮷 (outside the BMP) are common in real names; the address is at the spec's 200-character limit. */
    private static final String NAME = "髙橋　𠮷子";
    private static final String ADDRESS = "北海道札幌市中央区北一条西二丁目" + "一".repeat(181) + "１番地";

    @Test
    void rareKanjiAndTheLongestAddressRoundTripThroughBothCardFaceAps() {
        assertEquals(200, ADDRESS.codePointCount(0, ADDRESS.length()));
        Holder holder = new Holder(NAME, LocalDate.of(2019, 5, 1), Sex.NOT_APPLICABLE, ADDRESS, MyNumber.parse("123456789018"),
                LocalDate.of(2029, 5, 1), "0042", "011002");
        VirtualCard card = VirtualCard.issue(holder);
        try (InputHelperCard helper = InputHelperCard.open(card.terminal())) {
            helper.verifyPin(InputHelperPin.PIN, "1234".toCharArray());
            CardAttributes attributes = helper.attributes();
            assertEquals(NAME, attributes.name());
            assertEquals(ADDRESS, attributes.address());
            assertEquals(LocalDate.of(2019, 5, 1), attributes.birthDate());
            assertTrue(helper.verify().genuine());
        }
        try (SurfaceCard surface = SurfaceCard.open(card.terminal())) {
            surface.verifyPin(SurfacePin.PIN_B, "01050120290042".toCharArray()); // Reiwa 1 = 01, expiry 2029, code 0042
            assertTrue(surface.verify(VirtualCard.testCentre().administration().authorityCertificate("card-data")).genuine());
        }
    }

    @Test
    void anOverLongAddressIsRefusedAtIssuanceNotTruncated() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Holder(NAME,
                LocalDate.of(1990, 1, 1), Sex.FEMALE, ADDRESS + "号", MyNumber.parse("123456789018"),
                LocalDate.of(2030, 1, 1), "0042", "011002"));
        assertTrue(refused.getMessage().contains("longer than 200"), refused.getMessage());
    }
}
