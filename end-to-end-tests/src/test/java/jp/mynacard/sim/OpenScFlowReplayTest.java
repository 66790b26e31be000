package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Cipher;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.sim.ApduTraceFile.Exchange;
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
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final JpkiPins PINS = JpkiPins.sample();
    /** PIN EF → its PIN: OpenSC selects the PIN EF before each VERIFY. */
    private static final Map<String, String> PIN_OF_EF = Map.of(
            "0018", new String(PINS.authPin()),
            "001B", new String(PINS.signPin()));
    /** Their content differs per issue (keys, serials, CA signatures); only the sizes are fixed. */
    private static final Set<String> CERTIFICATE_EFS = Set.of("000A", "000B", "0001", "0002");
    /** OpenSC's first look at a certificate EF: the 4-byte DER header giving its size. */
    private static final byte[] READ_CERTIFICATE_HEADER = HEX.parseHex("00B0000004");
    private static final int LONGEST_COMPARED_DATA = 64;
    private static final int INS_SELECT = 0xA4, INS_READ_BINARY = 0xB0, INS_PSO = 0x2A;
    private static final int INS_VERIFY = 0x20, INS_CHANGE_REFERENCE_DATA = 0x24, INS_RESET_RETRY_COUNTER = 0x2C;
    private static final int SW_LENGTH = 2, HEADER_LENGTH = 5;

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
        List<Exchange> exchanges = ApduTraceFile.read(trace);
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            int ins = exchange.ins();
            byte[] command = exchange.command();
            if ((ins != INS_VERIFY && ins != INS_CHANGE_REFERENCE_DATA && ins != INS_RESET_RETRY_COUNTER)
                    || command.length <= HEADER_LENGTH) {
                continue;
            }
            String data = HEX.formatHex(command, HEADER_LENGTH, command.length);
            for (String pin : PIN_OF_EF.values()) {
                // the message names only the exchange, so a failure does not print the PIN again
                assertFalse(data.contains(HEX.formatHex(pin.getBytes(StandardCharsets.US_ASCII))),
                        trace + " #" + i + ": a PIN in the data of " + HEX.formatHex(command, 0, HEADER_LENGTH));
            }
        }
    }

    private static void replay(String trace, Function<IssuedCertificates, byte[]> signerCertificate)
            throws Exception {
        // the traces were captured from a card whose certificates name no CRL or OCSP URL: issue
        // the same profile, so that every certificate has the size OpenSC's reads were sized for
        VirtualCard card = VirtualCard.issue(Holder.sample(), PINS, JpkiIssuer.withNewAuthorities(Clock.systemUTC()));
        List<Exchange> exchanges = ApduTraceFile.read(trace);
        String currentEf = "";
        String pin = null;
        byte[] signedDigestInfo = null;
        byte[] signature = null;
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            byte[] command = exchange.command();
            String where = trace + " #" + i + " > " + exchange.commandText();
            if (exchange.pinWithheld()) {
                assertNotNull(pin, where + ": PIN data but no PIN EF selected");
                byte[] pinBytes = pin.getBytes(StandardCharsets.US_ASCII);
                assertEquals(pinBytes.length, command[4] & 0xFF, where + ": Lc is not the length of the PIN");
                command = concat(command, pinBytes);
            }
            if (exchange.ins() == INS_SELECT) {
                // P1 02: an EF under the current DF; anything else leaves no EF selected
                currentEf = (command[2] == 0x02) ? HEX.formatHex(command, HEADER_LENGTH, command.length) : "";
                pin = PIN_OF_EF.getOrDefault(currentEf, pin);
            }

            byte[] actual = card.transmit(command);
            byte[] expected = exchange.response();
            assertEquals(sw(expected), sw(actual), where + ": status word");

            byte[] expectedData = data(expected);
            byte[] actualData = data(actual);
            boolean certificateBody = exchange.ins() == INS_READ_BINARY && CERTIFICATE_EFS.contains(currentEf)
                    && !Arrays.equals(command, READ_CERTIFICATE_HEADER);
            if (expectedData.length <= LONGEST_COMPARED_DATA && !certificateBody) {
                assertEquals(HEX.formatHex(expectedData), HEX.formatHex(actualData), where + ": response data");
            } else {
                assertEquals(expectedData.length, actualData.length, where + ": response data length");
            }

            if (exchange.ins() == INS_PSO && (command[2] & 0xFF) == 0x00 && (command[3] & 0xFF) == 0x80) {
                signedDigestInfo = Arrays.copyOfRange(command, HEADER_LENGTH, HEADER_LENGTH + (command[4] & 0xFF));
                signature = actualData;
            }
        }

        assertNotNull(signature, trace + ": no COMPUTE DIGITAL SIGNATURE");
        assertSignatureOver(signedDigestInfo, signature, signerCertificate.apply(card.certificates()), trace);
    }

    /** The card signs exactly the DigestInfo OpenSC sent: no hashing or re-encoding on the card. */
    private static void assertSignatureOver(byte[] digestInfo, byte[] signature, byte[] certificateDer, String trace)
            throws Exception {
        var certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificateDer));
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, certificate.getPublicKey());
        byte[] recovered = assertDoesNotThrow(() -> rsa.doFinal(signature),
                trace + ": the signature does not open with the certificate's public key");
        assertEquals(HEX.formatHex(digestInfo), HEX.formatHex(recovered),
                trace + ": the signature is not over the DigestInfo OpenSC sent");
    }

    private static String sw(byte[] response) {
        return HEX.formatHex(response, response.length - SW_LENGTH, response.length);
    }

    private static byte[] data(byte[] response) {
        return Arrays.copyOf(response, response.length - SW_LENGTH);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
