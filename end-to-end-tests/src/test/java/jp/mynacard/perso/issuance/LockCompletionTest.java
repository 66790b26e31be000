package jp.mynacard.perso.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.JpkiPersonalizer;
import jp.mynacard.perso.batch.BatchFile;
import jp.mynacard.perso.batch.BatchProgress;
import jp.mynacard.perso.batch.BatchReport;
import jp.mynacard.perso.batch.BatchRow;
import jp.mynacard.perso.card.CardPersonalizer;
import jp.mynacard.perso.centre.CentreCertificateRevoker;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.SecureChannel;
import jp.mynacard.perso.cli.SampleHolders;
import jp.mynacard.perso.issuance.BatchRecords;
import jp.mynacard.perso.issuance.JournalingIssuer;
import jp.mynacard.perso.issuance.LockCompletion;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Step;
import jp.mynacard.perso.journal.BatchRecovery;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll-forward decision in-process, on a jcardsim card and the in-JVM centre: a card written,
 * read back and journaled verified, then stopped after its JPKI LOCK (as a pull at points 115–119
 * leaves it), is finished in the next run for that holder: the other two APs LOCKed, the holder issued
 * on that card with the certificates it holds, nothing revoked. A card the journal does not await is
 * left as it is, with no LOCK sent.
 */
class LockCompletionTest {
    private static final List<String> APS = List.of("D392F000260100000001", "D3921000310001010408", "D3921000310001010402");
    private static final IssuerMasterKey MASTER = VirtualCard.testIssuerKey();

    @TempDir
    Path dir;

    @Test
    void aVerifiedCardStoppedDuringItsLocksIsFinishedForItsHolderInTheNextRun() throws Exception {
        VirtualCard card = VirtualCard.blank("RF" + System.nanoTime() % 10_000_000_000L, MASTER);
        BatchRow row = row();
        List<String> certified;
        try (Records first = new Records(dir)) {
            spoilAfterVerified(card, row, first.records);
            certified = first.journal.progress(row.applicationId()).certificateSerials();
        }
        assertEquals(List.of(true, false, false), locked(card), "the JPKI locked, the others not: a spoiled card");

        try (Records rerun = new Records(dir)) {
            assertEquals(List.of(), new BatchRecovery(rerun.journal, rerun.audit, new CentreCertificateRevoker(centre())).run(
                    BatchRecovery.VerifiedCards.COME_BACK), "recovery leaves the verified holder to its card");
            assertTrue(rerun.records.awaitLock(row, false));

            assertTrue(complete(rerun, card));

            assertEquals(List.of(true, true, true), locked(card));
            assertEquals(Step.ISSUED, rerun.journal.progress(row.applicationId()).step());
            assertFalse(complete(rerun, card), "issued now: nothing awaits this card any more");
        }
        assertEquals(List.of(true, true, true), locked(card));
        String audit = Files.readString(dir.resolve("audit.jsonl"));
        assertTrue(audit.contains("\"action\":\"lock-completed\"") && audit.contains("locked now the input helper, card surface APs"), audit);
        assertEquals(1, audit.split("\"outcome\":\"issued\"", -1).length - 1, audit);
        assertFalse(audit.contains("revoked"), audit);
        List<String> report = Files.readAllLines(dir.resolve("report.csv"));
        assertEquals(List.of(row.line() + "," + row.applicationId() + ",issued," + card.serial() + "," + certified.get(0) + ","
                + certified.get(1) + ","), report.subList(1, report.size()));
        assertEquals(CertificateState.GOOD, state("auth", certified.get(0)));
        assertEquals(CertificateState.GOOD, state("sign", certified.get(1)));
    }

    @Test
    void aSpoiledCardTheJournalDoesNotAwaitIsLeftAsItIs() throws Exception {
        VirtualCard stranger = VirtualCard.blank("RS" + System.nanoTime() % 10_000_000_000L, MASTER);
        VirtualCard certifiedOnly = VirtualCard.blank("RC" + System.nanoTime() % 10_000_000_000L, MASTER);
        try (Records records = new Records(dir)) {
            BatchRow row = row();
            spoilAfterVerified(stranger, row, null);
            // certified, never read back: its content unchecked, so never finished (impossible by design, defended)
            records.journal.started("OTHER-1", certifiedOnly.serial());
            records.journal.requested("OTHER-1", List.of("k"));
            records.journal.certified("OTHER-1", List.of("1F"));
            lockJpki(certifiedOnly);

            assertFalse(complete(records, stranger));
            assertFalse(complete(records, certifiedOnly));
        }
        assertEquals(List.of(true, false, false), locked(stranger));
        assertEquals(List.of(true, false, false), locked(certifiedOnly));
    }

    /** The run of the first attempt: written, read back, journaled verified, then only the JPKI locked. */
    private void spoilAfterVerified(VirtualCard card, BatchRow row, BatchRecords records) throws Exception {
        Card connection = card.terminal().connect("*");
        try {
            ApduChannel channel = ApduChannel.over(connection.getBasicChannel());
            if (records != null) {
                records.started(row, card.serial());
                new CardPersonalizer(channel, MASTER).write(row.holder(), row.pins(),
                        new JournalingIssuer(new CentreCertificateIssuer(centre()), records, row),
                        new CentreCardDataSigning(centre()), card.serial());
                records.verified(row);
            } else {
                new CardPersonalizer(channel, MASTER).write(row.holder(), row.pins(), new CentreCertificateIssuer(centre()),
                        new CentreCardDataSigning(centre()), card.serial());
            }
            new JpkiPersonalizer(channel, MASTER).lock();
        } finally {
            connection.disconnect(false);
        }
    }

    private static void lockJpki(VirtualCard card) throws Exception {
        // a JPKI written in full so that LOCK accepts it; the other APs stay blank
        Card connection = card.terminal().connect("*");
        try {
            ApduChannel channel = ApduChannel.over(connection.getBasicChannel());
            BatchRow row = new LockCompletionTest().rowIn(Files.createTempDirectory("lock-completion"));
            new JpkiPersonalizer(channel, MASTER).write(row.holder(), row.pins(), new CentreCertificateIssuer(centre()));
            new JpkiPersonalizer(channel, MASTER).lock();
        } finally {
            connection.disconnect(false);
        }
    }

    private static boolean complete(Records records, VirtualCard card) throws Exception {
        Card connection = card.terminal().connect("*");
        try {
            return new LockCompletion(MASTER, records.records).complete(ApduChannel.over(connection.getBasicChannel()), card.serial());
        } finally {
            connection.disconnect(false);
        }
    }

    /** Each AP's GET DATA C2 life cycle: locked or not, JPKI, input helper, card surface. */
    private static List<Boolean> locked(VirtualCard card) throws Exception {
        Card connection = card.terminal().connect("*");
        try {
            ApduChannel channel = ApduChannel.over(connection.getBasicChannel());
            List<Boolean> locked = new ArrayList<>();
            for (String aid : APS) {
                assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, HexFormat.of().parseHex(aid))).getSW());
                locked.add(SecureChannel.readStatus(channel).isLocked());
            }
            return locked;
        } finally {
            connection.disconnect(false);
        }
    }

    private BatchRow row() throws Exception {
        return rowIn(dir);
    }

    private BatchRow rowIn(Path in) throws Exception {
        Path file = Files.writeString(in.resolve("holders.csv"), "application-id,name,address,birth-date,card-expiry,municipality,"
                + "my-number,security-code,sex,auth-pin,sign-pin\nRF-1,番号　花子,東京都千代田区霞が関二丁目１番２号,1989-03-31,2034-03-31,"
                + "131016," + SampleHolders.myNumber(7) + ",5678,female,1234,ABCDEF12\n", StandardCharsets.UTF_8);
        try (BatchFile batch = BatchFile.open(file)) {
            return (BatchRow) batch.next();
        }
    }

    private static CentreClient centre() {
        return new CentreClient(VirtualCard.testCentre().uri(), null);
    }

    private static CertificateState state(String type, String serialHex) {
        return VirtualCard.testCentre().administration().status(new BigInteger(serialHex, 16),
                Optional.of(CertificateUsage.fromShortName(type))).state();
    }

    /** One run's records, as bin/perso issue opens them. */
    private static final class Records implements AutoCloseable {
        final BatchJournal journal;
        final AuditLog audit;
        final BatchReport report;
        final BatchRecords records;

        Records(Path dir) throws Exception {
            journal = BatchJournal.open(dir.resolve("journal.jsonl"));
            audit = AuditLog.open(dir.resolve("audit.jsonl"), "operator-5", "holders.csv", Clock.systemUTC());
            report = BatchReport.open(dir.resolve("report.csv"));
            records = new BatchRecords(journal, report, audit,
                    new BatchProgress(new PrintStream(OutputStream.nullOutputStream()), false, 1, 10, System::nanoTime));
        }

        @Override
        public void close() throws Exception {
            try (journal; audit; report) {
                // closed in reverse order
            }
        }
    }
}
