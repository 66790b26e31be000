package jp.mynacard.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a trace written by {@link ApduTrace}: a {@code #} comment, then {@code > command} /
 * {@code < response} line pairs in hex, with PIN data written as {@code <pin>}.
 */
final class ApduTraceFile {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * One command and the card's recorded answer (data and SW). When {@code pinWithheld}, the
     * command holds only its header (CLA INS P1 P2 Lc): the PIN data was left out of the trace.
     */
    record Exchange(byte[] command, boolean pinWithheld, byte[] response) {
        int ins() {
            return command[1] & 0xFF;
        }

        /** The command as the trace shows it: safe for assertion messages. */
        String commandText() {
            return HEX.formatHex(command) + (pinWithheld ? ApduTrace.PIN_PLACEHOLDER : "");
        }
    }

    private ApduTraceFile() {
    }

    static List<Exchange> read(String resource) {
        List<String> lines;
        try (InputStream in = ApduTraceFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no trace on the class path: " + resource);
            }
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.size() % 2 != 0) {
            throw new IllegalArgumentException(resource + ": a command without a response");
        }
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            String command = field(resource, lines.get(i), "> ");
            byte[] response = HEX.parseHex(field(resource, lines.get(i + 1), "< "));
            boolean pinWithheld = command.endsWith(ApduTrace.PIN_PLACEHOLDER);
            if (pinWithheld) {
                command = command.substring(0, command.length() - ApduTrace.PIN_PLACEHOLDER.length());
            }
            exchanges.add(new Exchange(HEX.parseHex(command), pinWithheld, response));
        }
        return exchanges;
    }

    private static String field(String resource, String line, String prefix) {
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException(resource + ": expected '" + prefix.trim() + "' in: " + line);
        }
        return line.substring(prefix.length()).trim();
    }
}
