package jp.mynacard.pcsc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What OpenSC's pkcs11-tool prints, read the way a user reads it: the self-test's sections and
 * its error count, the slots of --list-slots, the objects of --list-objects. Each block starts
 * with a line at column 0; the lines indented under it belong to it.
 */
final class Pkcs11ToolOutput {
    private static final Pattern ERROR_COUNT = Pattern.compile("^(No|\\d+) errors$", Pattern.MULTILINE);
    /** A tested mechanism and its outcome: "    SHA256-RSA-PKCS: OK". */
    private static final Pattern MECHANISM_RESULT = Pattern.compile("^ {4}(\\S+): (.*)$");
    private static final Pattern SLOT_HEADER = Pattern.compile("^Slot \\d+ \\(0x[0-9a-f]+\\): (.*)$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s+([^:]+?)\\s*:\\s*(.*)$");

    /** A block: its first line and the indented lines under it, as printed (trailing spaces trimmed). */
    record Block(String header, List<String> lines) {
        /** The "name : value" lines under the header (pkcs11-tool pads the names differently per listing). */
        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher matcher = ATTRIBUTE.matcher(line);
                if (matcher.matches()) {
                    attributes.put(matcher.group(1), matcher.group(2));
                }
            }
            return attributes;
        }

        String attribute(String name) {
            return attributes().get(name);
        }

        /** The mechanisms this section tested, in order, each with what pkcs11-tool printed after it. */
        Map<String, String> mechanismResults() {
            Map<String, String> results = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher matcher = MECHANISM_RESULT.matcher(line);
                if (matcher.matches()) {
                    results.put(matcher.group(1), matcher.group(2));
                }
            }
            return results;
        }

        List<String> trimmedLines() {
            return lines.stream().map(String::trim).toList();
        }
    }

    private Pkcs11ToolOutput() {
    }

    static List<Block> blocks(String output) {
        List<Block> blocks = new ArrayList<>();
        String header = null;
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!Character.isWhitespace(trimmed.charAt(0))) {
                if (header != null) {
                    blocks.add(new Block(header, lines));
                }
                header = trimmed;
                lines = new ArrayList<>();
            } else if (header != null) {
                lines.add(trimmed);
            }
        }
        if (header != null) {
            blocks.add(new Block(header, lines));
        }
        return blocks;
    }

    /** The block whose header is exactly {@code header}; fails with the whole output when there is none. */
    static Block block(String output, String header) {
        return blocks(output).stream().filter(b -> b.header().equals(header)).findFirst()
                .orElseThrow(() -> new AssertionError("no section '" + header + "' in:\n" + output));
    }

    /** The count of the self-test's last line, "No errors" or "N errors". */
    static int errorCount(String selfTestStdout) {
        Matcher matcher = ERROR_COUNT.matcher(selfTestStdout);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        if (last == null) {
            throw new AssertionError("no error count in:\n" + selfTestStdout);
        }
        return last.equals("No") ? 0 : Integer.parseInt(last);
    }

    /** The slots --list-slots shows in the reader of this name, in order. */
    static List<Block> slotsIn(String listSlots, String readerName) {
        return blocks(listSlots).stream().filter(b -> {
            Matcher matcher = SLOT_HEADER.matcher(b.header());
            return matcher.matches() && matcher.group(1).equals(readerName);
        }).toList();
    }

    /** The objects --list-objects shows whose header starts with {@code kind} ("Private Key Object", "Certificate Object"). */
    static List<Block> objects(String listObjects, String kind) {
        return blocks(listObjects).stream().filter(b -> b.header().startsWith(kind)).toList();
    }

    /** The ID of each object, in order. */
    static List<String> ids(List<Block> objects) {
        return objects.stream().map(b -> b.attribute("ID")).toList();
    }
}
