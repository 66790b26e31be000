package jp.mynacard.perso.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.perso.batch.BatchFile;
import jp.mynacard.perso.batch.BatchProgress;
import jp.mynacard.perso.batch.BatchReport;
import jp.mynacard.perso.centre.CentreCertificateRevoker;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.cli.options.OperatorOptions;
import jp.mynacard.perso.issuance.BatchIssuance;
import jp.mynacard.perso.issuance.BatchRecords;
import jp.mynacard.perso.issuance.BlankSource;
import jp.mynacard.perso.issuance.CardIssuance;
import jp.mynacard.perso.issuance.LockCompletion;
import jp.mynacard.perso.issuance.ReaderFeed;
import jp.mynacard.perso.issuance.ReportedRows;
import jp.mynacard.perso.issuance.VirtualBlankFactory;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchRecovery;
import jp.mynacard.perso.journal.BatchRecovery.VerifiedCards;
import jp.mynacard.perso.journal.OperatorCredential;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perso issue --batch FILE --centre URL --out REPORT}: issues a card for every holder of
 * the batch. Rerun with the same files after a crash, it recovers what was left half done and
 * carries on; holders already issued are never issued again.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Issue cards for the holders of a batch file (CSV or JSON Lines).",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every row of the batch is issued", "1:some rows were rejected or failed (see the report)",
                "2:usage error", "3:the batch could not be run (files, keys)"})
final class IssueCommand implements Callable<Integer> {
    static final int EXIT_ISSUED = 0;
    static final int EXIT_INCOMPLETE = 1;
    static final int EXIT_ERROR = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", required = true, paramLabel = "FILE", description = "the holders: .csv with a header, or .jsonl")
    Path batchFile;

    @Option(names = "--centre", required = true, paramLabel = "URL", description = "the J-LIS centre issuing the certificates")
    URI centre;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "the centre's admin token (env MYNACARD_ADMIN_TOKEN; default: read from --admin-token-file)")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", defaultValue = "${env:MYNACARD_ADMIN_TOKEN_FILE}",
            description = "the file holding the centre's admin token, its DATA/admin-token (env MYNACARD_ADMIN_TOKEN_FILE;"
                    + " default: jlis-data/admin-token when it exists and the centre is on this host)")
    Path adminTokenFile;

    @Option(names = "--out", required = true, paramLabel = "REPORT", description = "the report, CSV, appended to on a rerun")
    Path reportFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Cards cards;

    /** Where the blanks are: exactly one of the two. */
    static final class Cards {
        @Option(names = "--virtual", required = true,
                description = "issue onto virtual blank cards made in this process (one per holder, discarded once checked)")
        boolean virtual;

        @Option(names = "--reader", required = true, paramLabel = "NAME",
                description = "issue onto the blanks a feeder puts into this PC/SC reader, one after the other (needs the issuer's keys)")
        String reader;
    }

    @Option(names = "--blank-wait", paramLabel = "SECONDS", description = "with --reader: how long to wait for the next blank (default ${DEFAULT-VALUE})")
    int blankWaitSeconds = 60;

    @Option(names = "--card-lost", paramLabel = "SERIAL",
            description = "with --reader: a card verified for its holder whose LOCKs a pull stopped, and which will not come back"
                    + " (destroyed, lost): its certificates are revoked and its holder issued on a fresh blank (repeatable)")
    Set<String> lostCards = new LinkedHashSet<>();

    @Option(names = "--workers", paramLabel = "N", description = "cards personalized at once (default: the number of processors)")
    Integer workers;

    @Mixin
    IssuerKeyOptions keys = new IssuerKeyOptions();

    @Mixin
    OperatorOptions operator = new OperatorOptions();

    @Option(names = "--journal", paramLabel = "FILE", description = "the batch journal (default: REPORT.journal.jsonl)")
    Path journalFile;

    @Option(names = "--audit", paramLabel = "FILE", description = "the audit log (default: REPORT.audit.jsonl)")
    Path auditFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        IssuerMasterKey master = masterKey();
        OperatorCredential credential = operator.credential(keys, IssuerKeyOptions.processSecrets(), Clock.systemUTC());
        int parallelism = workers != null ? Math.max(1, workers) : Runtime.getRuntime().availableProcessors();
        CentreClient client = new CentreClient(centre, AdminTokenFile.tokenFor(centre, adminToken, adminTokenFile));
        ReportedRows reported = ReportedRows.read(reportFile);
        // the batch first: a file that is not a batch fails before any record is created
        try (BatchFile batch = BatchFile.open(batchFile);
             BatchJournal journal = BatchJournal.open(beside(journalFile, ".journal.jsonl"));
             AuditLog audit = openAudit(credential);
             BatchReport report = BatchReport.open(reportFile)) {
            // undo what a killed run left half done before anything is issued again
            try {
                // a reader's card stopped during its LOCKs comes back and is finished; a virtual one died with its process
                new BatchRecovery(journal, audit, new CentreCertificateRevoker(client))
                        .run(cards.reader != null ? VerifiedCards.COME_BACK : VerifiedCards.LOST, lostCards);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--card-lost: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalStateException("nothing issued: an earlier run left cards unfinished and recovering them failed: "
                        + e.getMessage(), e);
            }
            BatchRecords records = new BatchRecords(journal, report, audit,
                    BatchProgress.onConsole(System.out, rowsToDo(journal)));
            CardIssuance issuance = new CardIssuance(master, new CentreCertificateIssuer(client),
                    new CentreCardDataSigning(client), records);
            BlankSource blanks = cards.reader != null
                    ? new ReaderFeed(cards.reader, Duration.ofSeconds(blankWaitSeconds), new LockCompletion(master, records))
                    : virtualBlanks().blanks(master, parallelism);
            BatchIssuance.Outcome outcome = new BatchIssuance(records, blanks, issuance)
                    .run(batch, reported);
            if (outcome.skipped() > 0) {
                out.printf("%d rows were done by an earlier run and skipped%n", outcome.skipped());
            }
            out.printf("report: %s%n", reportFile);
            out.flush();
            return outcome.complete() ? EXIT_ISSUED : EXIT_INCOMPLETE;
        }
    }

    private IssuerMasterKey masterKey() {
        if (!keys.given()) {
            if (cards.reader != null) {
                throw new IllegalArgumentException("--reader needs --master-key or --pkcs11-config: the blanks in the reader are made for the issuer's key");
            }
            return virtualBlanks().testIssuerKey();
        }
        return keys.masterKey(IssuerKeyOptions.processSecrets());
    }

    private static VirtualBlankFactory virtualBlanks() {
        return VirtualBlankFactory.installed().orElseThrow(() -> new IllegalArgumentException(
                "--virtual needs the card simulator (card-sim) on the class path: use the distribution's bin/perso, or --reader"));
    }

    private AuditLog openAudit(OperatorCredential credential) throws IOException {
        Path file = beside(auditFile, ".audit.jsonl");
        String batch = batchFile.getFileName().toString();
        return credential != null ? AuditLog.open(file, credential, batch, Clock.systemUTC())
                : AuditLog.open(file, operator.name(), batch, Clock.systemUTC());
    }

    /** A first pass over the file for the progress line's total: the rows an earlier run has not done. */
    private int rowsToDo(BatchJournal journal) throws IOException {
        int rows = 0;
        try (BatchFile batch = BatchFile.open(batchFile)) {
            while (batch.hasNext()) {
                if (!journal.progress(BatchIssuance.journalKey(batch.next())).done()) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private Path beside(Path chosen, String suffix) {
        if (chosen != null) {
            return chosen;
        }
        Path absolute = reportFile.toAbsolutePath();
        String name = absolute.getFileName().toString().replaceFirst("\\.csv$", "");
        return absolute.resolveSibling(name + suffix);
    }
}
