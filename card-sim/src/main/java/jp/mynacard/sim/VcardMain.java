package jp.mynacard.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.HolderFile;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.channel.IssuerMasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * {@code bin/vcard}: issues a virtual card and inserts it into pcscd through the vpcd driver,
 * so any PC/SC program (OpenSC, the myna CLI, a kiosk) sees a My Number card in a reader.
 * The card keeps its state (PIN counters, keys) while the program runs.
 */
@Command(name = "vcard", mixinStandardHelpOptions = true,
        description = "Put a personalized virtual My Number card into pcscd's vpcd reader.")
public final class VcardMain implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_NO_READER = 3;
    private static final long RECONNECT_PAUSE_MILLIS = 500;

    @Option(names = "--holder", paramLabel = "FILE", description = "holder properties file (default: the spec's sample holder)")
    Path holderFile;

    @Option(names = "--auth-pin", paramLabel = "PIN", description = "user-authentication PIN, 4 digits (default 1234)")
    char[] authPin = "1234".toCharArray();

    @Option(names = "--sign-pin", paramLabel = "PIN", description = "signature PIN, 6-16 of A-Z0-9 (default ABCDEF12)")
    char[] signPin = "ABCDEF12".toCharArray();

    @Option(names = "--host", description = "vpcd host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "vpcd port (default ${DEFAULT-VALUE})")
    int port = 35963;

    @Option(names = "--centre", paramLabel = "URL",
            description = "get the certificates from a running centre (bin/jlis serve) instead of an in-process one")
    URI centre;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "the centre's admin token (env MYNACARD_ADMIN_TOKEN; default: read from --admin-token-file)")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", defaultValue = "${env:MYNACARD_ADMIN_TOKEN_FILE}",
            description = "the file holding the centre's admin token, its DATA/admin-token (env MYNACARD_ADMIN_TOKEN_FILE;"
                    + " default: jlis-data/admin-token when it exists and the centre is on this host)")
    Path adminTokenFile;

    @Option(names = "--slot", paramLabel = "SPEC",
            description = "a free-area slot the counter adds and its tenant fills before the card goes in, repeatable: "
                    + "TENANT:SERVICE,open|keyed,KEYFILE,CONTENT (KEYFILE: 32 hex digits; CONTENT: UTF-8 text, no commas)")
    List<String> slots = new ArrayList<>();

    @Option(names = "--atr", paramLabel = "YEAR", converter = AtrConverter.class, defaultValue = "2015",
            description = "the ATR the card answers: 2015 (the first cards', which OpenSC knows; default) or 2024 (newer cards')")
    private CardAtr atr;

    @Option(names = "--token", paramLabel = "PLATFORM", converter = PlatformConverter.class,
            description = "put a phone's JPKI token in the reader instead of the card (スマホ用電子証明書): android or iphone;"
                    + " it is issued against the card, whose signature key vouches for the phone's keys")
    private SmartphonePlatform token;

    @Option(names = "--trace", paramLabel = "FILE", description = "write every APDU and response to FILE (PINs left out)")
    Path traceFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "how long to wait for vpcd (default ${DEFAULT-VALUE})")
    int connectTimeoutSeconds = 30;

    @Option(names = "--remove-after", paramLabel = "N",
            description = "test aid: pull the card out of the reader when APDU number N+1 arrives, leaving it unanswered")
    Long removeAfterApdus;

    @Option(names = "--reinsert-after", paramLabel = "MILLIS",
            description = "test aid, with --remove-after: put the same card back after MILLIS (default: exit once pulled)")
    Long reinsertAfterMillis;

    @Option(names = "--hold-after", paramLabel = "N",
            description = "test aid: stop answering when APDU number N+1 arrives, the card left in the reader"
                    + " (a card that hangs), until the reader hangs up; answers again once pcscd reconnects")
    Long holdAfterApdus;

    @Option(names = "--blank", description = "insert a blank card (applets installed, nothing personalized) for bin/perso --reader")
    boolean blank;

    @Option(names = "--feeder", description = "with --blank: once the card is issued (every AP locked) and the host resets it,"
            + " a fresh blank takes its place")
    boolean feeder;

    @Option(names = "--master-key", paramLabel = "P12", description = "with --blank: the issuer master key the blanks are"
            + " made for, a PKCS#12 file (password from $MYNACARD_MASTER_KEY_PASSWORD); default a fresh key of this process")
    Path masterKeyFile;

    @Option(names = "--master-key-alias", paramLabel = "ALIAS", description = "its entry (default ${DEFAULT-VALUE})")
    String masterKeyAlias = "issuer-master";

    private volatile boolean stopping;
    private boolean announced;
    private boolean pulled;
    private boolean pullDone;
    private boolean holdDone;
    private volatile VpcdConnection connection;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new VcardMain());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("vcard: " + e.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ReaderSlot slot;
        if (blank) {
            IssuerMasterKey master = masterKeyFile == null ? VirtualCard.testIssuerKey() : masterKey();
            if (token != null) {
                // a phone's blank secure element, for bin/perso smartphone to issue against a card in another reader
                VirtualCard phone = VirtualCard.blankSmartphone(token, master);
                slot = () -> phone;
            } else {
                BlankFeeder blanks = new BlankFeeder(master, line -> say("%s%n", line));
                VirtualCard first = blanks.card();
                slot = feeder ? blanks : () -> first;
            }
        } else {
            Holder holder = holderFile == null ? Holder.sample() : HolderFile.read(holderFile);
            JpkiPins pins = new JpkiPins(authPin, signPin);
            CentreClient client = centre == null ? null : new CentreClient(centre, AdminTokenFile.tokenFor(centre, adminToken, adminTokenFile));
            VirtualCard issued = client == null ? VirtualCard.issue(holder, pins)
                    : VirtualCard.issue(holder, pins, new CentreCertificateIssuer(client), new CentreCardDataSigning(client));
            for (String spec : slots) {
                TenantSlotSpec.parse(spec).addTo(issued);
            }
            // --token: the phone's JPKI token goes into the reader, issued against this card (its sign PIN proves possession)
            VirtualCard card = token == null ? issued
                    : issued.issueSmartphone(token, pins.signPin(), pins, client == null ? VirtualCard.testCentreClient() : client);
            pins.erase();
            slot = () -> card;
        }
        // SIGTERM is how a service manager or a test stops the card: take it out and exit 0
        Signal.handle(new Signal("TERM"), signal -> stop());
        Signal.handle(new Signal("INT"), signal -> stop());
        try {
            connection = VpcdConnection.connect(host, port, System.nanoTime() + TimeUnit.SECONDS.toNanos(connectTimeoutSeconds));
        } catch (IOException e) {
            System.err.printf("vcard: cannot reach vpcd at %s:%d (%s). Is pcscd running with vsmartcard-vpcd installed?%n",
                    host, port, e.getMessage());
            return EXIT_NO_READER;
        }
        try (ApduTrace trace = traceFile == null ? null : ApduTrace.to(traceFile)) {
            serveUntilStopped(slot, trace);
        }
        return EXIT_OK;
    }

    private IssuerMasterKey masterKey() {
        String password = System.getenv("MYNACARD_MASTER_KEY_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("set $MYNACARD_MASTER_KEY_PASSWORD for " + masterKeyFile);
        }
        return IssuerMasterKey.load(masterKeyFile, password.toCharArray(), masterKeyAlias);
    }

    /** Called when pcscd reads the ATR: the card is now in the reader for every PC/SC client. */
    private void cardSeen() {
        if (!announced) {
            announced = true;
            say("ready: %s in the vpcd reader at %s:%d%n",
                    token == null ? "virtual My Number card (JPKI)" : "virtual " + token.word() + " phone's JPKI token", host, port);
        } else if (pulled) {
            pulled = false;
            say("reinserted: the same card is back in the vpcd reader at %s:%d%n", host, port);
        }
    }

    private void say(String format, Object... arguments) {
        PrintWriter out = new CommandLine(this).getOut();
        out.printf(format, arguments);
        out.flush();
    }

    /**
     * Serves the reader; if pcscd restarts, reconnects with the same card, as a card stays in a reader.
     * With --remove-after, pulls the card once (the test aid for a card pulled mid-operation).
     */
    private void serveUntilStopped(ReaderSlot card, ApduTrace trace) throws InterruptedException {
        while (!stopping) {
            try {
                if (connection == null) {
                    connection = VpcdConnection.connect(host, port);
                    System.err.println("vcard: reconnected to vpcd");
                }
                if (connection.serve(card, atr, trace, this::cardSeen, this::fault)) {
                    pullDone = true;
                    closeConnection();
                    pulled = true;
                    say("pulled: card taken out of the reader after %d APDUs%n", removeAfterApdus);
                    if (reinsertAfterMillis == null) {
                        return;
                    }
                    Thread.sleep(reinsertAfterMillis);
                    continue;
                }
                if (!stopping) {
                    System.err.println("vcard: vpcd closed the connection; reconnecting");
                }
            } catch (IOException e) {
                if (!stopping) {
                    System.err.println("vcard: vpcd connection lost (" + e.getMessage() + "); reconnecting");
                }
            }
            closeConnection();
            if (!stopping) {
                Thread.sleep(RECONNECT_PAUSE_MILLIS);
            }
        }
    }

    /** The test aids' faults: each strikes once, counted in APDUs since pcscd last connected. */
    private VpcdConnection.Fault fault(long answered) {
        if (removeAfterApdus != null && !pullDone && answered == removeAfterApdus) {
            return VpcdConnection.Fault.PULL;
        }
        if (holdAfterApdus != null && !holdDone && answered == holdAfterApdus) {
            holdDone = true;
            say("holding: the card stopped answering after %d APDUs%n", answered);
            return VpcdConnection.Fault.HOLD;
        }
        return VpcdConnection.Fault.NONE;
    }

    private void stop() {
        stopping = true;
        closeConnection();
    }

    private void closeConnection() {
        VpcdConnection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing is all we wanted; nothing more to do with a broken socket
            }
        }
    }

    /** picocli: {@code --token android|iphone}. */
    static final class PlatformConverter implements CommandLine.ITypeConverter<SmartphonePlatform> {
        @Override
        public SmartphonePlatform convert(String value) {
            return SmartphonePlatform.ofWord(value);
        }
    }

    /** picocli: {@code --atr 2015|2024}. */
    static final class AtrConverter implements CommandLine.ITypeConverter<CardAtr> {
        @Override
        public CardAtr convert(String value) {
            return CardAtr.named(value);
        }
    }
}
