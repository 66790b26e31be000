package jp.mynacard.perso.cli;

import java.io.IOException;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;

/**
 * The hook a resumed batch calls before issuing anything: undo what a killed run left half done
 * (revoke the certificates of journaled-unfinished applications at the centre, journal them
 * abandoned) so that they can be issued again. {@code BatchRecovery} (perso.journal) is the
 * implementation to plug in here once it is on main; {@link JournaledSerialsRecovery} stands in.
 */
interface UnfinishedRecovery {
    void recover(BatchJournal journal, AuditLog audit) throws IOException;
}
