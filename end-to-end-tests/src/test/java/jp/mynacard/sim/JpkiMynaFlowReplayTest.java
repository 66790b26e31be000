package jp.mynacard.sim;

import static jp.mynacard.sim.TraceReplay.HEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.sim.TraceReplay.Location;
import jp.mynacard.sim.TraceReplay.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays what jpki/myna 0.5.1 (the Go reader) sent our card for each of its commands, recorded
 * through pcscd by JpkiMynaGoIT ({@code src/test/resources/jpki-myna/}, one file per command),
 * against a freshly issued in-process card, so a change to the applets that myna would notice
 * shows up without pcscd or Go: every status word as recorded (PIN tries included), the size of
 * every answer, the sample holder's data byte for byte. The certificates and the card-surface
 * front face change with every issue and every font: their bodies are read as far as this card's
 * header for them says, as myna does, instead of as far as the recorded card's did. To record
 * the traces again, run JpkiMynaGoIT and copy the files of the same names from
 * end-to-end-tests/target/jpki-myna/flows/ (docs/third-party-readers.md).
 */
class JpkiMynaFlowReplayTest {
    private static final String DIRECTORY = "jpki-myna/";
    private static final JpkiPins PINS = JpkiPins.sample();
    private static final Holder HOLDER = Holder.sample();
    private static final String JPKI = aid(CardApplication.JPKI);
    private static final String INPUT_HELPER = aid(CardApplication.INPUT_HELPER);
    private static final String SURFACE = aid(CardApplication.SURFACE);
    private static final Location INPUT_HELPER_PIN = new Location(INPUT_HELPER, "0011");
    /** The PINs myna verifies; it opens the card-surface AP with PIN-A, the My Number it has just read. */
    private static final Map<Location, String> PINS_OF_EFS = Map.of(
            new Location(JPKI, "0018"), new String(PINS.authPin()),
            new Location(JPKI, "001B"), new String(PINS.signPin()),
            INPUT_HELPER_PIN, new String(PINS.authPin()),
            new Location(SURFACE, "0013"), HOLDER.myNumber().digits());
    private static final String WRONG_PIN = "9999";
    /** The certificates and the front face: myna reads 7 bytes, then as many as their header says. */
    private static final Set<Location> SIZED_BY_HEADER = Set.of(
            new Location(JPKI, "000A"), new Location(JPKI, "000B"), new Location(JPKI, "0001"), new Location(JPKI, "0002"),
            new Location(SURFACE, "0002"));
    /** The token and the sample holder's number and four attributes: the same on every card issued to them. */
    private static final Set<Location> HOLDERS_DATA = Set.of(
            new Location(JPKI, "0006"), new Location(INPUT_HELPER, "0001"), new Location(INPUT_HELPER, "0002"));
    private static final int HEADER_TAG_BYTES = 2;

    @ParameterizedTest
    @ValueSource(strings = {"pin-status", "jpki-cert-auth", "jpki-cert-authca", "jpki-cert-sign", "jpki-cert-signca",
            "jpki-cms-verify", "jpki-cms-sign", "text-mynumber", "text-attr", "text-signature", "text-cert", "text-info",
            "visual-photo"})
    void readsAsRecorded(String flow) {
        Step signature = replay(flow, PINS_OF_EFS);
        assertNull(signature, flow + ": a COMPUTE DIGITAL SIGNATURE");
    }

    /** Signed by myna with upstream's CMS fix: the card signs the DigestInfo myna sent, SHA-256 or SHA-1. */
    @ParameterizedTest
    @ValueSource(strings = {"jpki-cms-sign-sha256", "jpki-cms-sign-sha1"})
    void signsWhatMynaSent(String flow) throws Exception {
        VirtualCard card = VirtualCard.issue(HOLDER);
        Step signature = replay(flow, card, PINS_OF_EFS);
        assertNotNull(signature, flow + ": no COMPUTE DIGITAL SIGNATURE");
        TraceReplay.assertSignatureOver(signature, card.certificates().signCertificate());
    }

    /** {@code myna text mynumber -p 9999} on a fresh card: 63C2, the tries left, which myna prints. */
    @Test
    void wrongPinAnsweredWithTheTriesLeft() {
        Map<Location, String> pins = new HashMap<>(PINS_OF_EFS);
        pins.put(INPUT_HELPER_PIN, WRONG_PIN);
        replay("text-mynumber-wrong-pin", pins);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pin-status", "jpki-cert-auth", "jpki-cert-authca", "jpki-cert-sign", "jpki-cert-signca",
            "jpki-cms-verify", "jpki-cms-sign", "jpki-cms-sign-sha256", "jpki-cms-sign-sha1", "text-mynumber", "text-attr",
            "text-signature", "text-cert", "text-info", "visual-photo", "text-mynumber-wrong-pin"})
    void tracesHoldNoPin(String flow) {
        List<String> pins = List.of(new String(PINS.authPin()), new String(PINS.signPin()), HOLDER.myNumber().digits(), WRONG_PIN);
        TraceReplay.assertHoldsNoPin(DIRECTORY + flow + ".apdu", pins);
        assertFalse(ApduTraceFile.read(DIRECTORY + flow + ".apdu").isEmpty(), flow + ": an empty trace");
    }

    private static Step replay(String flow, Map<Location, String> pins) {
        return replay(flow, VirtualCard.issue(HOLDER), pins);
    }

    /** Replays the flow, checks each answer; returns its COMPUTE DIGITAL SIGNATURE, if any. */
    private static Step replay(String flow, VirtualCard card, Map<Location, String> pins) {
        Step signature = null;
        for (Step step : TraceReplay.replay(DIRECTORY + flow + ".apdu", card, pins, SIZED_BY_HEADER)) {
            byte[] recorded = step.recordedData();
            byte[] actual = step.actualData();
            assertEquals(recorded.length, actual.length, step.where() + ": response data length");
            boolean read = step.ins() == TraceReplay.INS_READ_BINARY;
            if (read && HOLDERS_DATA.contains(step.location())) {
                assertEquals(HEX.formatHex(recorded), HEX.formatHex(actual), step.where() + ": the holder's data");
            } else if (read && SIZED_BY_HEADER.contains(step.location())) {
                assertEquals(HEX.formatHex(Arrays.copyOf(recorded, HEADER_TAG_BYTES)), HEX.formatHex(Arrays.copyOf(actual, HEADER_TAG_BYTES)),
                        step.where() + ": the header");
            }
            if (step.isComputeSignature()) {
                signature = step;
            }
        }
        return signature;
    }

    private static String aid(CardApplication application) {
        return HEX.formatHex(application.aid());
    }
}
