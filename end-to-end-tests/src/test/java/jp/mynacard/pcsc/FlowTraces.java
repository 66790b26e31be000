package jp.mynacard.pcsc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The APDU trace of a card in a reader ({@code bin/vcard --trace}, PINs left out), cut after each
 * flow of a test into a file of its own: what one program run sent the card and what it answered,
 * in the form the replay tests read. bin/vcard writes an exchange before it answers, so once a
 * program has exited, all it sent is in the trace.
 */
final class FlowTraces {
    private final Path cardTrace;
    private final Path directory;
    private int cutAt;

    private FlowTraces(Path cardTrace, Path directory) {
        this.cardTrace = cardTrace;
        this.directory = directory;
    }

    /** The card's trace at {@code directory}/card.apdu, the flows beside it; files of an earlier run are removed. */
    static FlowTraces in(Path directory) throws IOException {
        Path flows = directory.resolve("flows");
        Files.createDirectories(flows);
        try (var old = Files.list(flows)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Path cardTrace = directory.resolve("card.apdu").toAbsolutePath();
        Files.deleteIfExists(cardTrace);
        return new FlowTraces(cardTrace, flows);
    }

    /** Where bin/vcard is to write the trace ({@code --trace}). */
    Path cardTrace() {
        return cardTrace;
    }

    /**
     * What the card traced since the last cut, as {@code flow}.apdu (its first line the trace's
     * own header, then {@code # what}); returns the exchanges' lines.
     */
    List<String> cut(String flow, String what) throws IOException {
        List<String> lines = Files.readAllLines(cardTrace, StandardCharsets.US_ASCII);
        List<String> exchanges = List.copyOf(lines.subList(Math.max(cutAt, 1), lines.size()));
        cutAt = lines.size();
        List<String> file = new ArrayList<>();
        file.add(lines.get(0));
        file.add("# " + what);
        file.addAll(exchanges);
        Files.write(directory.resolve(flow + ".apdu"), file, StandardCharsets.US_ASCII);
        return exchanges;
    }
}
