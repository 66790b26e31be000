package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import javax.smartcardio.CardException;

/**
 * {@code bin/vcard} run as a user runs it: a separate process that puts a freshly issued card
 * into pcscd through vpcd. Closing it sends SIGTERM and waits for a clean exit, which takes the
 * card out of the reader.
 */
public final class VcardProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final long CARD_VISIBLE_SECONDS = 10;
    /** pcscd polls vpcd for the card (about every 400 ms): the bound of a wait that is normally that short. */
    private static final Duration CARD_GONE_TIMEOUT = Duration.ofSeconds(30);
    private static final long CARD_GONE_POLL_MILLIS = 50;

    private final RunningProgram program;
    private final String readyLine;
    private final String readerName;
    /** In the shared pcscd, which this JVM's PC/SC client asks; a private pcscd's card is the owning test's to watch. */
    private final boolean inSharedPcscd;

    private VcardProcess(RunningProgram program, String readyLine, String readerName, boolean inSharedPcscd) {
        this.program = program;
        this.readyLine = readyLine;
        this.readerName = readerName;
        this.inSharedPcscd = inSharedPcscd;
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/vcard"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("bin/vcard not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Starts bin/vcard in the reader of vpcd {@code port} (35963 is reader 00, 35964 reader 01). */
    public static VcardProcess startOnPort(int port, String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port)));
        all.addAll(List.of(arguments));
        return start(all.toArray(String[]::new));
    }

    /** Starts bin/vcard with these arguments and waits for its {@code ready} line. */
    public static VcardProcess start(String... arguments) throws IOException, InterruptedException {
        return start(Map.of(), arguments);
    }

    /** As {@link #start(String...)}, with these environment variables set (a keystore password). */
    public static VcardProcess start(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        String readerName = PcscDaemon.readerName(portIn(arguments));
        PcscDaemon.requireRunning();
        VcardProcess vcard = launch(environment, readerName, true, arguments);
        awaitCardVisible(readerName);
        return vcard;
    }

    /** Starts bin/vcard in the first reader of a test's own pcscd and waits for its {@code ready} line. */
    static VcardProcess startIn(PrivatePcscd pcscd, String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(pcscd.vpcdPort())));
        all.addAll(List.of(arguments));
        return launch(Map.of(), pcscd.readerName(), false, all.toArray(String[]::new));
    }

    private static VcardProcess launch(Map<String, String> environment, String readerName, boolean inSharedPcscd,
            String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repositoryRoot().resolve("bin/vcard").toString());
        command.addAll(List.of(arguments));
        RunningProgram program = RunningProgram.start(environment, command);
        try {
            return new VcardProcess(program, program.awaitLine("ready", READY_TIMEOUT), readerName, inSharedPcscd);
        } catch (AssertionError e) {
            program.close();
            throw e;
        }
    }

    /** pcscd has read the ATR when vcard says ready; its clients learn of the card a moment later. */
    private static void awaitCardVisible(String reader) throws InterruptedException {
        try {
            PcscReaders.waitForCard(reader, Duration.ofSeconds(CARD_VISIBLE_SECONDS));
        } catch (ReaderSelectionException e) {
            fail("bin/vcard is ready but no PC/SC client sees its card: " + e.getMessage());
        }
    }

    public String readyLine() {
        return readyLine;
    }

    /** The PC/SC name of the reader this card sits in. */
    public String readerName() {
        return readerName;
    }

    /** Waits for a line of output starting with {@code prefix} (e.g. "pulled", "reinserted") and returns it. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        return program.awaitLine(prefix, timeout);
    }

    private static int portIn(String[] arguments) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("--port")) {
                return Integer.parseInt(arguments[i + 1]);
            }
        }
        return PcscDaemon.VPCD_PORT;
    }

    /** Everything bin/vcard printed so far, stdout and stderr. */
    public List<String> output() {
        return program.output();
    }

    /** SIGTERM, then the exit status (asserted 0 by {@link #close()}). */
    public int stop() throws InterruptedException {
        return program.stop();
    }

    @Override
    public void close() throws InterruptedException {
        if (program.isAlive()) {
            assertEquals(0, stop(), "bin/vcard exits 0 on SIGTERM");
        }
        if (inSharedPcscd) {
            awaitCardGone(); // or the next test's card may come in before pcscd saw this one leave
        }
    }

    /** Waits until PC/SC clients see no card in this reader (pcscd learns of the removal by polling vpcd). */
    private void awaitCardGone() throws InterruptedException {
        long deadline = System.nanoTime() + CARD_GONE_TIMEOUT.toNanos();
        while (cardSeen()) {
            if (System.nanoTime() > deadline) {
                fail("bin/vcard has exited but PC/SC clients still see a card in '" + readerName + "' after "
                        + CARD_GONE_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(CARD_GONE_POLL_MILLIS);
        }
    }

    private boolean cardSeen() {
        try {
            return PcscReaders.choose(readerName).isCardPresent();
        } catch (ReaderSelectionException | CardException e) {
            return false; // no such reader, or it cannot say: no card a client could connect to
        }
    }
}
