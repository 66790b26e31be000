package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The PC/SC tests need pcscd with the vpcd driver listening, which bin/test provides. */
final class PcscDaemon {
    static final int VPCD_PORT = 35963;
    static final String READER_NAME_PREFIX = "Virtual PCD 00 0";
    private static final String TCP_STATE_LISTEN = "0A";

    private PcscDaemon() {
    }

    /** vpcd's readers: port 35963 + n is reader 'Virtual PCD 00 0n'. */
    static String readerName(int vpcdPort) {
        return READER_NAME_PREFIX + (vpcdPort - VPCD_PORT);
    }

    static void requireRunning() {
        if (!vpcdListening(VPCD_PORT)) {
            fail("pcscd with the vpcd driver is not listening on port " + VPCD_PORT
                    + ". Run the PC/SC tests through bin/test, which installs and starts it.");
        }
    }

    /**
     * Whether a vpcd reader listens on {@code port}. Looks for the listening socket in
     * /proc/net/tcp rather than connecting to it: vpcd takes a connection as a card being
     * inserted, and a probe would disturb the reader.
     */
    static boolean vpcdListening(int port) {
        String local = String.format(Locale.ROOT, ":%04X", port);
        try {
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                    .map(line -> line.trim().split("\\s+"))
                    .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals(TCP_STATE_LISTEN));
        } catch (IOException e) {
            return false;
        }
    }
}
