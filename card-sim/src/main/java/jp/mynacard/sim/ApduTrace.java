package jp.mynacard.sim;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import jp.mynacard.model.card.PinCommands;

/**
 * Writes what a reader sent the virtual card and what it answered, one hex line each
 * ({@code > } command, {@code < } response), for debugging a client and for replay tests.
 * The data of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER is written as {@code <pin>}:
 * a trace never holds a PIN.
 */
final class ApduTrace implements AutoCloseable {
    static final String PIN_PLACEHOLDER = "<pin>";
    private static final int SHORT_HEADER_WITH_LC = 5;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Writer writer;

    private ApduTrace(Writer writer) {
        this.writer = writer;
    }

    static ApduTrace to(Path file) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        writer.write("# mynacard APDU trace: '>' command, '<' response; PIN data written as " + PIN_PLACEHOLDER + "\n");
        return new ApduTrace(writer);
    }

    synchronized void exchange(byte[] command, byte[] response) throws IOException {
        writer.write("> " + redacted(command) + "\n< " + HEX.formatHex(response) + "\n");
        writer.flush();
    }

    static String redacted(byte[] command) {
        int ins = command.length > 1 ? command[1] & 0xFF : -1;
        if (PinCommands.carriesPin(ins) && command.length > SHORT_HEADER_WITH_LC) {
            return HEX.formatHex(command, 0, SHORT_HEADER_WITH_LC) + PIN_PLACEHOLDER;
        }
        return HEX.formatHex(command);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
