package jp.mynacard.kiosk;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.mynacard.host.reader.CardSlot;
import jp.mynacard.host.reader.ReaderSelectionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/kiosk}: a sample コンビニ交付 kiosk. Waits for a card in a PC/SC reader, has the
 * holder's PIN verified, authenticates the card to the municipal service (embedded on a loopback
 * HTTP port, or a running {@code kiosk serve} given with {@code --service}) and writes the
 * 住民票の写し the service issues. Exit codes: see {@link KioskOutcome}.
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true, subcommands = ServeCommand.class,
        description = "A sample コンビニ交付 kiosk: JPKI user authentication at a PC/SC reader, then a 住民票の写し "
                + "(or, with --document seal, a 印鑑登録証明書) as PDF.",
        footer = {"", "Exit codes: 0 issued, 1 failed, 2 usage, 3 no card, 4 authentication refused,",
                "5 PIN refused, 6 not a resident, 7 centre or service unavailable, 8 no seal registration."})
public final class KioskMain implements Callable<Integer> {
    static final String PIN_VARIABLE = "MYNA_AUTH_PIN";
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger FONTBOX = Logger.getLogger("org.apache.fontbox");

    @Mixin
    ServiceOptions embedded;

    @Option(names = "--service", paramLabel = "URL", description = "a running 'kiosk serve' instead of the embedded service")
    URI service;

    @Option(names = "--reader", paramLabel = "NAME", description = "the PC/SC reader (part of its name); default: the one with a card")
    String reader;

    // not required=true: picocli would then demand it of 'kiosk serve' too
    @Option(names = "--out", paramLabel = "FILE", description = "where to write the PDF (required)")
    Path out;

    @Option(names = "--pin", paramLabel = "PIN", arity = "1",
            description = "the user-authentication PIN, for scripts (else env " + PIN_VARIABLE + ", else asked without echo)")
    char[] pin;

    @Option(names = "--document", paramLabel = "residence|seal", defaultValue = "residence",
            description = "住民票の写し (residence, default) or 印鑑登録証明書 (seal: reads the card's seal-registration slot)")
    String document;

    @Option(names = "--seal-key", paramLabel = "FILE",
            description = "with --document seal: the municipality's tenant key for the seal-registration slot (32 hex digits)")
    Path sealKey;

    @Option(names = "--seal-slot", paramLabel = "TENANT:SERVICE", defaultValue = "131016:1",
            description = "with --document seal: the seal-registration slot (default ${DEFAULT-VALUE}, 千代田区)")
    String sealSlot;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60", description = "how long to wait for a card (default ${DEFAULT-VALUE})")
    int waitSeconds;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "1",
            description = "serve N customers one after another, 0 for as long as the kiosk runs (stop it with SIGTERM);"
                    + " --out is then a directory of 0001.pdf, 0002.pdf, ... (default ${DEFAULT-VALUE})")
    int customers;

    private final PrintStream screen;

    KioskMain(PrintStream screen) {
        this.screen = screen;
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT) == null) {
            // the service's log shares the clerk's screen: one short line per event
            System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
        }
        System.exit(run(System.out, args));
    }

    /** Runs the kiosk with {@code args}, its messages on {@code screen}; returns the exit code. */
    public static int run(PrintStream screen, String... args) {
        // fontbox warns of every font's unsupported cmap subtable; nothing a clerk can act on
        FONTBOX.setLevel(Level.SEVERE);
        CommandLine cli = new CommandLine(new KioskMain(screen));
        cli.setParameterExceptionHandler((e, given) -> {
            String message = String.valueOf(e.getMessage());
            // usage errors quote the arguments they could not place: never the PIN
            for (int i = 0; i < given.length; i++) {
                String secret = given[i].startsWith("--pin=") ? given[i].substring("--pin=".length())
                        : given[i].equals("--pin") && i + 1 < given.length ? given[i + 1] : "";
                if (!secret.isEmpty()) {
                    message = message.replace(secret, "****");
                }
            }
            e.getCommandLine().getErr().println(message);
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return KioskOutcome.USAGE.exitCode;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            screen.println("kiosk: " + e.getMessage());
            return KioskOutcome.FAILED.exitCode;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            screen.println("kiosk: --out FILE is needed (where to write the certificate)");
            return KioskOutcome.USAGE.exitCode;
        }
        if (customers < 0) {
            screen.println("kiosk: --customers is a number of customers, or 0 for as long as the kiosk runs");
            return KioskOutcome.USAGE.exitCode;
        }
        KioskServiceServer server = null;
        try {
            SealRegistrationCard seal = sealCard();
            URI serviceUri = service;
            if (serviceUri == null) {
                server = KioskServiceServer.start(new InetSocketAddress("127.0.0.1", 0), embedded.build());
                serviceUri = server.uri();
            }
            KioskShift shift = new KioskShift(new CardSlot(reader, KioskTerminal.EXCLUSIVE_WAIT),
                    new KioskTerminal(serviceUri, screen), seal, this::pin, screen);
            Duration wait = Duration.ofSeconds(waitSeconds);
            if (customers != 1) {
                shift.serve(customers, out, wait);
                return KioskOutcome.ISSUED.exitCode;
            }
            screen.println("カードを置いてください / place the card on the reader");
            return shift.serveOne(out, wait).exitCode;
        } catch (IllegalArgumentException e) {
            screen.println("kiosk: " + e.getMessage());
            return KioskOutcome.USAGE.exitCode;
        } catch (ReaderSelectionException e) {
            screen.println("カードが見つかりません / " + e.getMessage());
            return KioskOutcome.NO_CARD.exitCode;
        } catch (HolderLinkException | IOException e) {
            screen.println("センターまたはサービスに接続できません / cannot reach the centre or the service: " + e.getMessage());
            return KioskOutcome.UNAVAILABLE.exitCode;
        } finally {
            if (pin != null) {
                java.util.Arrays.fill(pin, '\0');
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /** With --document seal, the slot and key to read the seal registration with; null for a 住民票. */
    private SealRegistrationCard sealCard() throws IOException {
        switch (document) {
            case "residence":
                return null;
            case "seal":
                if (sealKey == null) {
                    throw new IllegalArgumentException("--document seal needs --seal-key FILE (the municipality's tenant key)");
                }
                return new SealRegistrationCard(jp.mynacard.host.freearea.SlotName.parse(sealSlot),
                        jp.mynacard.host.freearea.TenantKey.read(sealKey));
            default:
                throw new IllegalArgumentException("--document is residence or seal, not " + document);
        }
    }

    /** The PIN, asked only once the card has answered; the caller clears the array. */
    private char[] pin() {
        if (pin != null) {
            return pin.clone();
        }
        String fromEnvironment = System.getenv(PIN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("the PIN is needed: give --pin, set " + PIN_VARIABLE
                    + ", or run in a terminal to be asked");
        }
        char[] typed = console.readPassword("暗証番号（4桁）/ PIN (4 digits): ");
        if (typed == null) {
            throw new IllegalArgumentException("no PIN was entered");
        }
        return typed;
    }
}
