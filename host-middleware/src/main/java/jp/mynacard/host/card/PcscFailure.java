package jp.mynacard.host.card;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.model.card.MynaCardException;

/** What a PC/SC failure means for the caller: the card pulled, held by another program, or pcscd gone. */
final class PcscFailure {
    private static final long REMOVAL_NOTICE_MILLIS = 1500;

    private PcscFailure() {
    }

    static MynaCardException translate(CardTerminal terminal, String what, Exception e) {
        String text = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
        if (text.contains("SHARING_VIOLATION")) {
            return new CardInUseException("another program holds the card in " + readerName(terminal)
                    + " exclusively, while " + what, e);
        }
        boolean removed = text.contains("REMOVED") || text.contains("NO_SMARTCARD") || text.contains("RESET")
                || text.contains("NOT_CONNECTED") || text.contains("not connected") || text.contains("disconnect")
                || e instanceof IllegalStateException || cardGone(terminal);
        if (removed) {
            return new CardRemovedException("card removed while " + what, e);
        }
        if (text.contains("NO_SERVICE") || text.contains("SERVICE_STOPPED") || text.contains("COMM_ERROR")) {
            // pcscd stopped or restarted under this connection: the card may still be in, the session is not
            return new CardIoException("the PC/SC service (pcscd) went away while " + what + ": " + text, e);
        }
        return new CardIoException("PC/SC failure while " + what + ": " + text, e);
    }

    private static String readerName(CardTerminal terminal) {
        return terminal == null ? "the reader" : "reader '" + terminal.getName() + "'";
    }

    /**
     * Readers report a pulled card under many codes (vpcd: SCARD_E_NOT_TRANSACTED), sometimes
     * before the reader's own state says so: after a failure, give it a moment to notice.
     */
    private static boolean cardGone(CardTerminal terminal) {
        try {
            return terminal != null && terminal.waitForCardAbsent(REMOVAL_NOTICE_MILLIS);
        } catch (CardException | RuntimeException e) {
            return false;
        }
    }
}
