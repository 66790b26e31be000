package jp.mynacard.myna;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code myna}: the My Number card's JPKI functions from the command line, in the spirit of the
 * Go {@code myna} tool.
 *
 * <p>Exit codes:
 * <ul>
 * <li>0 success</li>
 * <li>1 any other failure (the card answered a status word nobody expects, internal error)</li>
 * <li>2 usage error (unknown option, missing argument)</li>
 * <li>3 no reader, no card, or several candidate readers (use {@code --reader})</li>
 * <li>4 card removed or PC/SC failure</li>
 * <li>5 the card is not a My Number card (no JPKI application, or no card-input-helper application for
 * {@code text}, or no card-surface application for {@code surface} and {@code age})</li>
 * <li>6 wrong PIN (the message says how many tries are left)</li>
 * <li>7 PIN blocked</li>
 * <li>8 the PIN does not have the right format (nothing was sent, no try spent)</li>
 * <li>9 a PIN is needed and none was given, or the card says it was not verified</li>
 * <li>10 an input or output file could not be read or written</li>
 * <li>11 the card's data is malformed (a corrupt card)</li>
 * <li>12 {@code text verify}, {@code surface verify}, {@code age}: the card's data is NOT as the centre
 * signed it (or, for {@code surface verify}, the chip failed card authentication)</li>
 * <li>13 {@code cms verify}, {@code verify-cert}: the signature or certificate is NOT valid (the reason on standard output)</li>
 * </ul>
 *
 * <p>Tests run it in-process: {@code new CommandLine(new Myna(() -> terminal)).execute(args)}.
 */
@Command(name = "myna", mixinStandardHelpOptions = true, version = "myna 0.1.0",
        description = "Use the JPKI, card-input-helper and card-surface applications of a My Number card.",
        subcommands = {PinCommand.class, CertCommand.class, SignCommand.class, TextCommand.class, SurfaceCommand.class,
            AgeCommand.class, CmsCommand.class, VerifyCertCommand.class})
public final class Myna implements Runnable {
    @Option(names = "--reader", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "Reader whose name contains NAME (default: the only reader with a card).")
    String reader;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of a failure.")
    boolean verbose;

    @CommandLine.Spec
    CommandSpec spec;

    private final Function<String, CardTerminal> terminals;
    private Function<String, String> environment = System::getenv;
    private PinPrompt prompt = PinPrompt.console();
    private OutputStream stdout;
    private Clock clock = Clock.system(ZoneId.of("Asia/Tokyo")); // ages count by the date in Japan

    public Myna() {
        this(PcscReaders::choose);
    }

    /** For tests: always this terminal, whatever {@code --reader} says. */
    public Myna(Supplier<CardTerminal> terminal) {
        this(name -> terminal.get());
        Objects.requireNonNull(terminal);
    }

    /** Chooses the terminal from the {@code --reader} value (null when not given). */
    public Myna(Function<String, CardTerminal> terminals) {
        this.terminals = Objects.requireNonNull(terminals);
    }

    /** Where PINs are looked up instead of the process environment (tests). */
    public Myna withEnvironment(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
        return this;
    }

    public Myna withPrompt(PinPrompt prompt) {
        this.prompt = Objects.requireNonNull(prompt);
        return this;
    }

    /** Where binary output (DER, signatures) goes when no {@code --out} is given; default System.out. */
    public Myna withStdout(OutputStream stdout) {
        this.stdout = stdout;
        return this;
    }

    /** The clock {@code age} takes today's date from (tests). */
    public Myna withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    Clock clock() {
        return clock;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Myna()).execute(args));
    }

    /** The command line as {@link #main} runs it: usage errors never echo a PIN given with {@code --pin}. */
    public static CommandLine commandLine(Myna myna) {
        CommandLine cli = new CommandLine(myna);
        cli.setParameterExceptionHandler(new PinRedactingUsageHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What a subcommand does with the card once it is open and the JPKI AP selected. */
    @FunctionalInterface
    interface CardAction {
        void run(JpkiCard card) throws Exception;
    }

    /** What a subcommand does with an opened AP; its answer is the exit code, for results that are not failures. */
    @FunctionalInterface
    interface Session<C> {
        ExitCode run(C card) throws Exception;
    }

    /** Opens the card's JPKI AP and runs {@code action}; see {@link #withSession}. */
    int withCard(CommandSpec command, CardAction action) {
        return withSession(command, JpkiCard::open, card -> {
            action.run(card);
            return ExitCode.OK;
        });
    }

    /** Opens the card's card-input-helper AP and runs {@code action}; see {@link #withSession}. */
    int withInputHelper(CommandSpec command, Session<InputHelperCard> action) {
        return withSession(command, InputHelperCard::open, action);
    }

    /** Opens the card's card-surface AP and runs {@code action}; see {@link #withSession}. */
    int withSurface(CommandSpec command, Session<SurfaceCard> action) {
        return withSession(command, SurfaceCard::open, action);
    }

    /** Opens the card with {@code open}, runs {@code action}, and turns any failure into one line on stderr and an exit code. */
    private <C extends AutoCloseable> int withSession(CommandSpec command, Function<CardTerminal, C> open, Session<C> action) {
        PrintWriter err = command.commandLine().getErr();
        try (C card = open.apply(present(terminals.apply(reader)))) {
            ExitCode exit = action.run(card);
            command.commandLine().getOut().flush();
            return exit.code;
        } catch (Exception e) {
            ExitCode.Failure failure = ExitCode.of(e);
            err.println("myna: " + failure.message());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return failure.exit().code;
        }
    }

    /** A reader chosen by name may be empty: say so, rather than "card removed". */
    private static CardTerminal present(CardTerminal terminal) throws CardException {
        if (!terminal.isCardPresent()) {
            throw new ReaderSelectionException("no card in reader '" + terminal.getName() + "'");
        }
        return terminal;
    }

    PinSource pins() {
        return new PinSource(environment, prompt);
    }

    OutputStream stdout() {
        return stdout != null ? stdout : System.out; // read late: tests may have replaced System.out
    }
}
