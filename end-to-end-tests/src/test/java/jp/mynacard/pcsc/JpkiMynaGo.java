package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.testing.ExternalTool;

/**
 * jpki/myna, the Go reader of the My Number card (its last Go release, 0.5.1), as
 * bin/build-third-party-readers built it from third_party/, run as its users run it. It always
 * talks to the first PC/SC reader, Virtual PCD 00 00: where bin/vcard puts its card by default.
 */
final class JpkiMynaGo {
    static final String BUILD_SCRIPT = "bin/build-third-party-readers";
    private static final Path BUILT = Path.of("target", "third-party");
    private static final List<String> PIN_OPTIONS = List.of("-p", "--pin");

    private final String name;
    private final Path binary;

    private JpkiMynaGo(String name, Path binary) {
        this.name = name;
        this.binary = binary;
    }

    /** 0.5.1 exactly as released, with the library versions it pins. */
    static JpkiMynaGo released() {
        return built("myna", "myna 0.5.1");
    }

    /**
     * 0.5.1 with upstream's later fix 51ae995, without which {@code jpki cms sign} fails on every
     * card (third_party/README.md): the only way to have myna ask our card for a CMS signature.
     */
    static JpkiMynaGo withCmsFix() {
        return built("myna-cms-fix", "myna 0.5.1+51ae995");
    }

    private static JpkiMynaGo built(String file, String name) {
        Path binary = VcardProcess.repositoryRoot().resolve(BUILT).resolve(file);
        if (!Files.isExecutable(binary)) {
            // bin/test always builds it: a missing binary is a broken setup, not a reason to skip
            fail(binary + " is missing: run " + BUILD_SCRIPT + " (bin/test runs it before Maven)");
        }
        return new JpkiMynaGo(name, binary);
    }

    ExternalTool.Result run(String... arguments) throws IOException, InterruptedException {
        return ExternalTool.run(command(arguments));
    }

    /** As {@link #run(String...)}, its standard output also left byte for byte in {@code stdout} ({@code -f der}). */
    ExternalTool.Result run(Path stdout, String... arguments) throws IOException, InterruptedException {
        return ExternalTool.run(stdout, command(arguments));
    }

    private String[] command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        return command.toArray(String[]::new);
    }

    /** The command line for messages and trace files: the name and the arguments, a PIN written as {@code <pin>}. */
    String shown(String... arguments) {
        List<String> shown = new ArrayList<>(List.of(name));
        for (int i = 0; i < arguments.length; i++) {
            boolean pin = i > 0 && PIN_OPTIONS.contains(arguments[i - 1]);
            shown.add(pin ? "<pin>" : arguments[i]);
        }
        return String.join(" ", shown);
    }
}
