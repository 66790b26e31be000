package jp.mynacard.applet;

import static jp.mynacard.applet.WireCard.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.mynacard.perso.channel.PersonalizationStatus;
import jp.mynacard.perso.channel.SecureChannel;
import org.junit.jupiter.api.Test;

/**
 * GET DATA C2 (docs/personalization-commands.md, "What GET DATA C2 tells whom"): the life cycle to
 * anyone; the issuer channel's tries and each file's progress only before LOCK (the card is still
 * at the bureau) or inside an authenticated issuer session. A stranger with an issued card learns
 * that it is issued, not how many forged authentications it has seen nor what a renewal touched.
 */
class StatusDisclosureTest {
    private static final String STATUS = "80CA00C200";
    private static final String FORGED_AUTHENTICATION = "8482000010" + "00".repeat(16);

    @Test
    void aBlankApTellsItsWholeStatusForTheBureauToSortBlanks() {
        WireCard card = new WireCard().installJpki();
        card.selectJpki();
        PersonalizationStatus status = SecureChannel.readStatus(card.apdus());
        assertTrue(status.isBlank(), status.toString());
        assertEquals(PersonalizationChannel.AUTHENTICATION_TRIES_PER_RESET, status.authenticationTriesLeft());
        assertEquals(8, status.files().size(), "every file personalization writes");
    }

    @Test
    void anIssuedApTellsAStrangerItsLifeCycleAlone() {
        WireCard card = new WireCard().installJpki();
        card.selectJpki();
        JpkiWirePersonalization.personalizeAndLock(card);
        card.reset();
        card.selectJpki();
        assertArrayEquals(bytes("05"), card.ok(STATUS));

        card.ok("8050000008" + "0102030405060708" + "00");
        assertEquals(0x6300, card.send(FORGED_AUTHENTICATION).getSW(), "a try spent");
        assertArrayEquals(bytes("05"), card.ok(STATUS), "nothing of the forged authentication");
        PersonalizationStatus seen = SecureChannel.readStatus(card.apdus());
        assertTrue(seen.isLocked());
        assertEquals(PersonalizationStatus.TRIES_UNDISCLOSED, seen.authenticationTriesLeft());
        assertTrue(seen.files().isEmpty());
    }

    @Test
    void anIssuedApTellsTheAuthenticatedIssuerEverything() {
        WireCard card = new WireCard().installJpki();
        card.selectJpki();
        JpkiWirePersonalization.personalizeAndLock(card);
        card.reset();
        card.selectJpki();
        card.perso();
        PersonalizationStatus status = card.perso().status();
        assertTrue(status.isLocked());
        assertEquals(PersonalizationChannel.AUTHENTICATION_TRIES_PER_RESET, status.authenticationTriesLeft());
        assertEquals(8, status.files().size());
        assertFalse(status.files().containsValue(false), status.toString());
    }

    @Test
    void theFreeAreaTellsItsIssuerTriesInsideAnIssuerSessionOnly() {
        WireCard card = new WireCard().install(WireCard.FREE_AREA_AID, FreeAreaApplet.class);
        card.selectFreeArea();
        assertArrayEquals(bytes("05"), card.ok(STATUS), "operational from install; tries undisclosed");
        card.perso();
        assertArrayEquals(bytes("0503"), card.ok(STATUS), "the power-up's three issuer tries, to the issuer");
        card.selectFreeArea();
        assertArrayEquals(bytes("05"), card.ok(STATUS), "the session ended with the selection");
    }
}
