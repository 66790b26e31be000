package jp.mynacard.myna;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Bytes to {@code --out FILE}, or to standard output after any text already written there. */
final class Output {
    private final Myna myna;
    private final CommandSpec spec;
    private final Path file;

    Output(Myna myna, CommandSpec spec, Path file) {
        this.myna = myna;
        this.spec = spec;
        this.file = file;
    }

    void write(byte[] bytes) throws IOException {
        if (file != null) {
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + reason(e), e);
            }
            return;
        }
        spec.commandLine().getOut().flush();
        OutputStream stdout = myna.stdout();
        stdout.write(bytes);
        stdout.flush();
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
    }
}
