package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jp.mynacard.applet.PackageFootprint.Installed;
import org.junit.jupiter.api.Test;

/**
 * The package's RAM within what a chip gives applets (2–4 KB for all of them, docs/applets.md
 * "RAM"): one scratch buffer and one set of crypto engines for the whole package, not one per
 * applet. Prints the figures docs/applets.md carries.
 */
class AppletFootprintTest {
    /** The chip as issued: the common AP, the three APs the bureau personalizes and the free area. */
    private static final List<Installed> CARD = List.of(
            new Installed("D3921000310001010100", CommonApplet.class),
            new Installed(WireCard.JPKI_AID, JpkiApplet.class),
            new Installed(WireCard.INPUT_HELPER_AID, InputHelperApplet.class),
            new Installed(WireCard.SURFACE_AID, SurfaceApplet.class),
            new Installed(WireCard.FREE_AREA_AID, FreeAreaApplet.class));

    /** Well within the smallest chip's 2 KB, leaving room for the runtime's own and other packages' RAM (2682 bytes before sharing). */
    static final int TRANSIENT_BUDGET = 1280;
    /** RSA PKCS#1, AES-CBC, AES-ECB (the CMAC) and one random source (18 before sharing). */
    static final int CRYPTO_ENGINE_BUDGET = 4;

    @Test
    void thePackageFitsTheRamOfAChip() {
        PackageFootprint card = PackageFootprint.ofCard(CARD);
        System.out.println("applets package footprint: " + card);
        assertAll(
                () -> assertTrue(card.transientTotal() <= TRANSIENT_BUDGET,
                        () -> card.transientTotal() + " bytes of RAM, over the budget of " + TRANSIENT_BUDGET),
                () -> assertTrue(card.cryptoEngines <= CRYPTO_ENGINE_BUDGET,
                        () -> card.cryptoEngines + " crypto engines, over the budget of " + CRYPTO_ENGINE_BUDGET));
    }

    @Test
    void aSecondCardInTheSameJvmDoesNotShareTheFirstCardsRam() {
        PackageFootprint first = PackageFootprint.ofCard(CARD);
        PackageFootprint second = PackageFootprint.ofCard(CARD);
        // the workspace is a static of the package: a simulated card must still get its own, in its own runtime
        assertTrue(second.transientTotal() == first.transientTotal() && second.cryptoEngines == first.cryptoEngines,
                () -> "first card " + first + ", second " + second);
    }
}
