package jp.mynacard.perso;

import java.util.Optional;
import jp.mynacard.model.issuance.IssuedCertificates;

/**
 * The bureau's side of one card application: write it for a holder, then LOCK it. A whole card
 * ({@code CardPersonalizer}) is one list of these; a new application is one more in that list.
 */
public interface ApplicationPersonalizer {
    /** How the audit log and messages name the application: "JPKI", "input helper", "card surface". */
    String name();

    /**
     * Writes the application for the order (keys made on the card, files, PINs), locking nothing;
     * answers the certificates the centre issued for it, if it has any.
     */
    Optional<IssuedCertificates> write(CardOrder order);

    /** LOCKs the written application: from now on only the counter's operations reach it. */
    void lock();

    /** LOCKs it unless it already is (a card stopped between its LOCKs); whether it locked now. */
    boolean lockUnlessLocked();
}
