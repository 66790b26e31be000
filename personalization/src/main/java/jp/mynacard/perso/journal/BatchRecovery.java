package jp.mynacard.perso.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.perso.journal.BatchJournal.Progress;
import jp.mynacard.perso.journal.CertificateRevoker.CentreCertificate;

/**
 * Undoes what a killed batch left half done, before the batch resumes: for every application the
 * journal holds as {@link BatchJournal#unfinished() unfinished}, every certificate the centre
 * issued for it is revoked (those the journal names by serial, and those the centre finds for its
 * journaled key hashes, which covers an issuance whose answer the crash lost); each is recorded
 * in the audit log, then the application is journaled {@code abandoned} so the batch issues it
 * again on a new card. The half-personalized card itself goes to be wiped.
 *
 * <p>The reason is cessationOfOperation: the card never reached its holder, so the certificates
 * are simply no longer needed, and nothing suggests their keys were compromised (keyCompromise
 * would tell relying parties otherwise); superseded would claim a successor certificate for the
 * same purpose, which does not exist yet and may never (the holder might not be issued again).
 *
 * <p>An application journaled {@code verified} (its card written and read back, then stopped during
 * the LOCKs) is not undone when its card can come back ({@link VerifiedCards#COME_BACK}, a reader's
 * feeder): the card is finished then, its certificates stay good. Only when the card cannot come back
 * ({@link VerifiedCards#LOST}, a virtual blank gone with the killed process) is it recovered like the rest.
 *
 * <p>Safe to kill and run again at any point: a certificate already revoked (by an earlier run,
 * or by an operator for whatever reason) is recorded as such and not revoked again, and an
 * application is abandoned only after all of its certificates are revoked.
 */
public final class BatchRecovery {
    /** RFC 5280 CRLReason for certificates of a card that was never handed out. */
    public static final String REASON = "cessationOfOperation";
    static final String ACTION = "recover";

    private final BatchJournal journal;
    private final AuditLog audit;
    private final CertificateRevoker centre;

    public BatchRecovery(BatchJournal journal, AuditLog audit, CertificateRevoker centre) {
        this.journal = journal;
        this.audit = audit;
        this.centre = centre;
    }

    /** What recovery did for one application: the certificates it found at the centre, all now revoked. */
    public record Recovered(String applicationId, String cardSerial, List<String> revokedSerials) {
        public Recovered {
            revokedSerials = List.copyOf(revokedSerials);
        }
    }

    /** Where the cards of applications journaled {@code verified} (not yet locked) are. */
    public enum VerifiedCards {
        /** In the feeder or the operator's hand: each is locked when it comes back, so recovery leaves it be. */
        COME_BACK,
        /** Gone with the process that held them (virtual blanks): recovered like any unfinished card. */
        LOST
    }

    /** Recovers the unfinished applications; verified ones are left for their cards to come back. */
    public List<Recovered> run() throws IOException {
        return run(VerifiedCards.COME_BACK);
    }

    /**
     * Recovers every unfinished application, in journal order, then the verified ones when their cards are lost. A failure (the centre unreachable,
     * a journaled serial the centre does not know) stops the run with that application still
     * unfinished, so running again later picks it up.
     */
    public List<Recovered> run(VerifiedCards verifiedCards) throws IOException {
        return run(verifiedCards, Set.of());
    }

    /**
     * As {@link #run(VerifiedCards)}, and the verified applications whose cards the operator gave
     * up ({@code lostCards}: serials of cards destroyed or lost before their LOCKs were finished)
     * are recovered too, for their holders to be issued on fresh blanks.
     *
     * @throws IllegalArgumentException if a given card is not one a verified application waits for
     */
    public List<Recovered> run(VerifiedCards verifiedCards, Set<String> lostCards) throws IOException {
        for (String card : lostCards) {
            if (journal.awaitingLock(card).isEmpty()) {
                throw new IllegalArgumentException("no holder waits for card " + card
                        + " (verified, its LOCKs stopped): there is nothing to give up");
            }
        }
        List<Progress> toRecover = new ArrayList<>(journal.unfinished());
        for (Progress verified : journal.awaitingLock()) {
            if (verifiedCards == VerifiedCards.LOST || lostCards.contains(verified.cardSerial())) {
                toRecover.add(verified);
            }
        }
        List<Recovered> recovered = new ArrayList<>();
        for (Progress application : toRecover) {
            recovered.add(recover(application));
        }
        return recovered;
    }

    private Recovered recover(Progress application) throws IOException {
        List<String> serials = new ArrayList<>();
        for (CentreCertificate certificate : certificatesOf(application).values()) {
            serials.add(certificate.serial());
            if (certificate.revoked()) {
                record(application, certificate, "already revoked at the centre (" + certificate.reason() + ")");
            } else {
                CentreCertificate revoked = centre.revoke(certificate, REASON);
                if (!revoked.revoked()) {
                    throw new IllegalStateException("application " + application.applicationId() + ": the centre left "
                            + "certificate " + certificate.serial() + " " + revoked.state() + " after revoking it");
                }
                record(application, revoked, REASON + ": the card was never handed out");
            }
        }
        journal.abandoned(application.applicationId());
        audit.record(ACTION, application.applicationId(), application.cardSerial(), serials, "abandoned",
                "card " + (application.cardSerial() == null ? "" : application.cardSerial() + " ")
                        + "to be wiped; the application will be issued again");
        return new Recovered(application.applicationId(), application.cardSerial(), serials);
    }

    /** The journaled serials first, then whatever the centre issued for the journaled keys; each once. */
    private Map<String, CentreCertificate> certificatesOf(Progress application) throws IOException {
        Map<String, CentreCertificate> found = new LinkedHashMap<>();
        for (String serial : application.certificateSerials()) {
            Optional<CentreCertificate> certificate = centre.certificate(serial);
            if (certificate.isEmpty()) {
                String problem = "the centre knows no certificate " + CentreCertificate.canonicalSerial(serial)
                        + " although the journal says it certified the card: is this the centre that issued the batch?";
                audit.record(ACTION, application.applicationId(), application.cardSerial(), List.of(serial), "failed", problem);
                throw new IllegalStateException("application " + application.applicationId() + ": " + problem);
            }
            found.put(certificate.get().serial(), certificate.get());
        }
        for (String keyHash : application.publicKeyHashes()) {
            for (CentreCertificate certificate : centre.certificatesForKey(keyHash)) {
                found.putIfAbsent(certificate.serial(), certificate);
            }
        }
        return found;
    }

    private void record(Progress application, CentreCertificate certificate, String reason) throws IOException {
        audit.record(ACTION, application.applicationId(), application.cardSerial(), List.of(certificate.serial()),
                "revoked", certificate.type() + " certificate; " + reason);
    }
}
