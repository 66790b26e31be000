package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import jp.mynacard.model.card.PinCommands;
import jp.mynacard.sim.ApduTraceFile.Exchange;

/**
 * Replays what a reader someone else wrote sent our card (a trace recorded through pcscd with
 * {@code bin/vcard --trace}) against a card issued in process, so a change to the applets that
 * reader would notice shows up without pcscd or the reader installed. It fills in the PINs the
 * trace left out, checks every status word against the recording and hands each exchange back
 * for the checks of the flow's own test.
 */
final class TraceReplay {
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final int INS_SELECT = 0xA4, INS_READ_BINARY = 0xB0, INS_VERIFY = 0x20, INS_PSO = 0x2A;
    private static final int P1_SELECT_BY_AID = 0x04, P1_SELECT_EF = 0x02;
    private static final int SW_LENGTH = 2, HEADER_LENGTH = 5;
    private static final int LONGEST_SHORT_READ = 256;
    private static final String SW_OK = "9000";

    /** Where an exchange happens: the application selected (its AID in hex) and the EF selected in it ("" for none). */
    record Location(String application, String ef) {
    }

    /** One exchange: the command as sent (PIN filled in), the card's recorded answer and this card's. */
    record Step(String where, Location location, byte[] command, byte[] recorded, byte[] actual) {
        int ins() {
            return command[1] & 0xFF;
        }

        byte[] recordedData() {
            return Arrays.copyOf(recorded, recorded.length - SW_LENGTH);
        }

        byte[] actualData() {
            return Arrays.copyOf(actual, actual.length - SW_LENGTH);
        }

        /** COMPUTE DIGITAL SIGNATURE ({@code 80 2A 00 80}) with the key EF selected. */
        boolean isComputeSignature() {
            return ins() == INS_PSO && (command[2] & 0xFF) == 0x00 && (command[3] & 0xFF) == 0x80;
        }
    }

    private final VirtualCard card;
    /** The PIN of each PIN EF the flow verifies: VERIFY goes to the PIN EF selected last. */
    private final Map<Location, String> pins;
    /** EFs the reader reads as far as their first bytes say (a DER or BER-TLV header): see {@link #readSizedByHeader}. */
    private final Set<Location> sizedByHeader;

    private TraceReplay(VirtualCard card, Map<Location, String> pins, Set<Location> sizedByHeader) {
        this.card = card;
        this.pins = pins;
        this.sizedByHeader = sizedByHeader;
    }

    /** Replays {@code trace} exchange by exchange, each as recorded. */
    static List<Step> replay(String trace, VirtualCard card, Map<Location, String> pins) {
        return replay(trace, card, pins, Set.of());
    }

    /**
     * Replays {@code trace}; the body of an EF in {@code sizedByHeader} is read as far as this
     * card's header for it says, as the reader does, instead of as far as the recorded card's did.
     */
    static List<Step> replay(String trace, VirtualCard card, Map<Location, String> pins, Set<Location> sizedByHeader) {
        return new TraceReplay(card, pins, sizedByHeader).run(trace, ApduTraceFile.read(trace));
    }

    private List<Step> run(String trace, List<Exchange> exchanges) {
        List<Step> steps = new ArrayList<>();
        String application = "";
        String ef = "";
        String pin = null;
        byte[] header = null;
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            byte[] command = exchange.command();
            Location location = new Location(application, ef);
            String where = trace + " #" + i + " > " + exchange.commandText();
            if (exchange.pinWithheld()) {
                assertNotNull(pin, where + ": PIN data but no PIN EF of the flow selected");
                byte[] pinBytes = pin.getBytes(StandardCharsets.US_ASCII);
                assertEquals(pinBytes.length, command[4] & 0xFF, where + ": Lc is not the length of the PIN");
                command = concat(command, pinBytes);
            }
            if (exchange.ins() == INS_READ_BINARY && header != null && sizedByHeader.contains(location)) {
                // the rest of the EF: skip what the recorded card's size made the reader ask, read what ours says
                while (i + 1 < exchanges.size() && exchanges.get(i + 1).ins() == INS_READ_BINARY) {
                    i++;
                }
                readSizedByHeader(where, header);
                header = null;
                continue;
            }

            byte[] actual = card.transmit(command);
            byte[] recorded = exchange.response();
            assertEquals(sw(recorded), sw(actual), where + ": status word");
            Step step = new Step(where, location, command, recorded, actual);
            steps.add(step);

            header = null;
            if (exchange.ins() == INS_SELECT && sw(actual).equals(SW_OK)) {
                int p1 = command[2] & 0xFF;
                String selected = HEX.formatHex(command, HEADER_LENGTH, HEADER_LENGTH + (command[4] & 0xFF));
                if (p1 == P1_SELECT_BY_AID) {
                    application = selected;
                    ef = "";
                    pin = null;
                } else if (p1 == P1_SELECT_EF) {
                    ef = selected;
                    pin = pins.getOrDefault(new Location(application, ef), pin);
                }
            } else if (exchange.ins() == INS_READ_BINARY && sizedByHeader.contains(location) && sw(actual).equals(SW_OK)) {
                header = step.actualData();
            }
        }
        return steps;
    }

    /**
     * Reads an EF from the end of its header to the size the header gives (tag, length, value),
     * {@value #LONGEST_SHORT_READ} bytes at a time from offset 0, as jpki/myna's ReadBinary does,
     * and checks that every read succeeds and the EF is that long.
     */
    private void readSizedByHeader(String where, byte[] header) {
        int size = tlvSize(header, where);
        int read = 0;
        while (read < size) {
            int wanted = Math.min(size - read, LONGEST_SHORT_READ);
            byte[] command = {0x00, (byte) INS_READ_BINARY, (byte) (read >> 8), (byte) read, (byte) wanted};
            byte[] response = card.transmit(command);
            String at = where + " (read at " + read + " of the " + size + " its header gives)";
            assertEquals(SW_OK, sw(response), at + ": status word");
            assertTrue(response.length > SW_LENGTH, at + ": no data");
            read += response.length - SW_LENGTH;
        }
        assertEquals(size, read, where + ": bytes read");
    }

    /** The whole size of the BER-TLV (or DER) object whose first bytes are {@code header}. */
    static int tlvSize(byte[] header, String where) {
        int tag = (header[0] & 0x1F) == 0x1F ? 2 : 1;
        int first = header[tag] & 0xFF;
        if (first < 0x80) {
            return tag + 1 + first;
        }
        int lengthBytes = first & 0x7F;
        assertTrue(lengthBytes <= 3 && header.length >= tag + 1 + lengthBytes, where + ": a header too short for its length");
        int length = 0;
        for (int k = 0; k < lengthBytes; k++) {
            length = (length << 8) | (header[tag + 1 + k] & 0xFF);
        }
        return tag + 1 + lengthBytes + length;
    }

    /**
     * The card signed exactly the DigestInfo the reader sent ({@code signature}'s command data),
     * with the key of {@code certificateDer}: no hashing or re-encoding on the card.
     */
    static void assertSignatureOver(Step signature, byte[] certificateDer) throws Exception {
        byte[] command = signature.command();
        byte[] digestInfo = Arrays.copyOfRange(command, HEADER_LENGTH, HEADER_LENGTH + (command[4] & 0xFF));
        var certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificateDer));
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, certificate.getPublicKey());
        byte[] recovered = assertDoesNotThrow(() -> rsa.doFinal(signature.actualData()),
                signature.where() + ": the signature does not open with the certificate's public key");
        assertEquals(HEX.formatHex(digestInfo), HEX.formatHex(recovered),
                signature.where() + ": the signature is not over the DigestInfo the reader sent");
    }

    /** No command of {@code trace} that carries a PIN holds one of {@code pins} in its data. */
    static void assertHoldsNoPin(String trace, Collection<String> pins) {
        List<Exchange> exchanges = ApduTraceFile.read(trace);
        for (int i = 0; i < exchanges.size(); i++) {
            byte[] command = exchanges.get(i).command();
            if (!PinCommands.carriesPin(exchanges.get(i).ins()) || command.length <= HEADER_LENGTH) {
                continue;
            }
            String data = HEX.formatHex(command, HEADER_LENGTH, command.length);
            for (String pin : pins) {
                // the message names only the exchange, so a failure does not print the PIN again
                assertFalse(data.contains(HEX.formatHex(pin.getBytes(StandardCharsets.US_ASCII))),
                        trace + " #" + i + ": a PIN in the data of " + HEX.formatHex(command, 0, HEADER_LENGTH));
            }
        }
    }

    static String sw(byte[] response) {
        return HEX.formatHex(response, response.length - SW_LENGTH, response.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
