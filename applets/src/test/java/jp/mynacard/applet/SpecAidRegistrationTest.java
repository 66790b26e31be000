package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.stream.Stream;
import javacard.framework.Applet;
import jp.mynacard.model.card.CardApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every applet registers under its spec AID (§1), whatever instance AID the card manager's
 * INSTALL names, in the call and in the install parameters alike: a card manager's default or a
 * mistyped {@code --create} cannot put an AP where no reader will look for it.
 */
class SpecAidRegistrationTest {
    /** Not any application's AID: what a careless INSTALL might name. */
    private static final String CARD_MANAGER_AID = "D392F000260100000099";

    static Stream<Arguments> applets() {
        return Stream.of(
                Arguments.of(CardApplication.JPKI, JpkiApplet.class),
                Arguments.of(CardApplication.INPUT_HELPER, InputHelperApplet.class),
                Arguments.of(CardApplication.SURFACE, SurfaceApplet.class),
                Arguments.of(CardApplication.FREE_AREA, FreeAreaApplet.class),
                Arguments.of(CardApplication.COMMON, CommonApplet.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applets")
    void installedUnderAnotherAidTheAppletAnswersToItsSpecAid(CardApplication application, Class<? extends Applet> applet) {
        WireCard card = new WireCard().install(CARD_MANAGER_AID, applet);
        String specAid = WireCard.hex(application.aid());
        assertEquals(0x9000, card.send("00A4040C0A" + specAid).getSW(), application + " selected by its spec AID");
        card.reset();
        assertNotEquals(0x9000, card.send("00A4040C0A" + CARD_MANAGER_AID).getSW(), "nothing under the card manager's AID");
    }
}
