package jp.mynacard.perso.issuance;

import javax.smartcardio.CardTerminal;

/**
 * A card in front of the personalizer: its factory serial, the reader it sits in, and whether an
 * earlier attempt left it unfinished (the personalizers wipe it first; the audit log says so).
 */
public record BlankCard(String serial, CardTerminal terminal, boolean unfinished) {
    public BlankCard(String serial, CardTerminal terminal) {
        this(serial, terminal, false);
    }
}
