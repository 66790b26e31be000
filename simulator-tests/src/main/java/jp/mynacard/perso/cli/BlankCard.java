package jp.mynacard.perso.cli;

import javax.smartcardio.CardTerminal;

/** A blank card in front of the personalizer: its factory serial and a reader it sits in. */
public record BlankCard(String serial, CardTerminal terminal) {
}
