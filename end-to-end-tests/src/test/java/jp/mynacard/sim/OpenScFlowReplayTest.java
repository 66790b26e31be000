package jp.mynacard.sim;

import static jp.mynacard.sim.TraceReplay.HEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.sim.TraceReplay.Location;
import jp.mynacard.sim.TraceReplay.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays what the real OpenSC 0.23 sent our card for {@code pkcs11-tool --sign} (captured through
 * pcscd/vpcd) against a freshly issued in-process card, so a change to the applet that OpenSC
 * would notice shows up without pcscd or OpenSC installed.
 */
class OpenScFlowReplayTest {
    private static final String AUTH_KEY_TRACE = "opensc/pkcs11-tool-sign-auth-key.apdu";
    private static final String SIGN_KEY_TRACE = "opensc/pkcs11-tool-sign-sign-key.apdu";
    private static final JpkiPins PINS = JpkiPins.sample();
    private static final String JPKI = HEX.formatHex(CardApplication.JPKI.aid());
    /** PIN EF → its PIN: OpenSC selects the PIN EF before each VERIFY. */
    private static final Map<Location, String> PIN_OF_EF = Map.of(
            new Location(JPKI, "0018"), new String(PINS.authPin()),
            new Location(JPKI, "001B"), new String(PINS.signPin()));
    /** Their content and size differ per issue (keys, serials, CA signatures, the centre's profile). */
    private static final Set<String> CERTIFICATE_EFS = Set.of("000A", "000B", "0001", "0002");
    /** OpenSC's first look at a certificate EF: the 4-byte DER header giving its size. */
    private static final byte[] READ_CERTIFICATE_HEADER = HEX.parseHex("00B0000004");
    private static final int LONGEST_COMPARED_DATA = 64;

    /** READ BINARY with Le 00 (short) or 0000 (extended): as much as the EF holds. */
    private static boolean readsToTheEnd(byte[] command) {
        return command.length == 5 && command[4] == 0
                || command.length == 7 && command[4] == 0 && command[5] == 0 && command[6] == 0;
    }

    @Test
    void signWithAuthenticationKey() throws Exception {
        replay(AUTH_KEY_TRACE, IssuedCertificates::authCertificate);
    }

    @Test
    void signWithSignatureKey() throws Exception {
        replay(SIGN_KEY_TRACE, IssuedCertificates::signCertificate);
    }

    @ParameterizedTest
    @ValueSource(strings = {AUTH_KEY_TRACE, SIGN_KEY_TRACE})
    void tracesHoldNoPin(String trace) {
        TraceReplay.assertHoldsNoPin(trace, PIN_OF_EF.values());
    }

    private static void replay(String trace, Function<IssuedCertificates, byte[]> signerCertificate)
            throws Exception {
        // a certificate's size follows the centre's profile: read each as far as its own header says,
        // as OpenSC does, not as far as the recorded card's did
        VirtualCard card = VirtualCard.issue(Holder.sample(), PINS, JpkiIssuer.withNewAuthorities(Clock.systemUTC()));
        Set<Location> sizedByHeader = CERTIFICATE_EFS.stream().map(ef -> new Location(JPKI, ef))
                .collect(java.util.stream.Collectors.toSet());
        Step signature = null;
        for (Step step : TraceReplay.replay(trace, card, PIN_OF_EF, sizedByHeader)) {
            byte[] expectedData = step.recordedData();
            byte[] actualData = step.actualData();
            boolean certificate = step.ins() == TraceReplay.INS_READ_BINARY
                    && CERTIFICATE_EFS.contains(step.location().ef());
            if (certificate && Arrays.equals(step.command(), READ_CERTIFICATE_HEADER)) {
                // the size is this card's own; the header's form (a DER SEQUENCE, a two-byte length) is the recorded one
                assertEquals(expectedData.length, actualData.length, step.where() + ": certificate header length");
                if (expectedData.length >= 2) {
                    assertEquals(HEX.formatHex(expectedData, 0, 2), HEX.formatHex(actualData, 0, 2),
                            step.where() + ": certificate header");
                }
            } else if (expectedData.length <= LONGEST_COMPARED_DATA && !certificate) {
                assertEquals(HEX.formatHex(expectedData), HEX.formatHex(actualData), step.where() + ": response data");
            } else if (certificate && readsToTheEnd(step.command())) {
                // a read of the whole EF answers this card's certificate, whatever size the recorded one had
                assertEquals(expectedData.length == 0, actualData.length == 0, step.where() + ": an empty EF or not");
                if (actualData.length > 0) {
                    assertEquals(actualData.length, TraceReplay.tlvSize(actualData, step.where()),
                            step.where() + ": the whole certificate");
                }
            } else {
                assertEquals(expectedData.length, actualData.length, step.where() + ": response data length");
            }
            if (step.isComputeSignature()) {
                signature = step;
            }
        }

        assertNotNull(signature, trace + ": no COMPUTE DIGITAL SIGNATURE");
        TraceReplay.assertSignatureOver(signature, signerCertificate.apply(card.certificates()));
    }
}
