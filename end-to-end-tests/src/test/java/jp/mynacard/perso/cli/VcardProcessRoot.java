package jp.mynacard.perso.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where bin/perso is, found upwards from the working directory. */
final class VcardProcessRoot {
    private VcardProcessRoot() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/perso"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/perso not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
