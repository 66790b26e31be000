package jp.mynacard.perso.cli;

import java.io.IOException;
import java.util.List;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Progress;
import jp.mynacard.perso.journal.BatchJournal.Step;

/**
 * The stand-in for BatchRecovery: what it can undo from the journal alone. An application only
 * {@code started} sent nothing to the centre and is simply abandoned; a {@code certified} one has
 * its journaled certificates (auth, sign) revoked, then is abandoned. A {@code requested} one may
 * have certificates the centre issued but whose answer was lost; finding them needs the lookup by
 * key hash, so it is left unfinished and reported, never issued twice.
 */
final class JournaledSerialsRecovery implements UnfinishedRecovery {
    private static final List<String> TYPES = List.of("auth", "sign");
    private static final String REASON = "cessationOfOperation";

    private final CentreClient centre;

    JournaledSerialsRecovery(CentreClient centre) {
        this.centre = centre;
    }

    @Override
    public void recover(BatchJournal journal, AuditLog audit) throws IOException {
        for (Progress unfinished : journal.unfinished()) {
            if (unfinished.step() == Step.REQUESTED) {
                audit.record("recover", unfinished.applicationId(), unfinished.cardSerial(), List.of(), "unrecovered",
                        "the centre was asked for certificates but the answer is not journaled; needs recovery by key hash");
                continue;
            }
            List<String> serials = unfinished.certificateSerials();
            try {
                for (int i = 0; i < serials.size(); i++) {
                    revoke(serials.get(i), TYPES.get(Math.min(i, TYPES.size() - 1)));
                }
            } catch (CentreException e) {
                audit.record("recover", unfinished.applicationId(), unfinished.cardSerial(), serials, "failed", e.getMessage());
                continue;
            }
            journal.abandoned(unfinished.applicationId());
            audit.record("recover", unfinished.applicationId(), unfinished.cardSerial(), serials,
                    serials.isEmpty() ? "abandoned" : "revoked", "unfinished when the batch stopped");
        }
    }

    private void revoke(String serial, String type) {
        String state = centre.status(serial, type).get("state");
        if (!"revoked".equalsIgnoreCase(state)) {
            centre.revoke(serial, REASON, type);
        }
    }
}
