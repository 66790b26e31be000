package jp.mynacard.host.reader;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;

/**
 * The process's one PC/SC context. One, because pcscd serves every context with a thread of its
 * own (200 at most), so a kiosk polling for cards must not open one per look; held for good,
 * because jnasmartcardio releases a context when its factory is garbage-collected, which would cut
 * off every card connected through it. Established again after a failure (pcscd restarted).
 */
final class PcscContext {
    private static TerminalFactory factory;

    private PcscContext() {
    }

    static synchronized List<CardTerminal> readers() {
        try {
            return terminals().list();
        } catch (CardException e) {
            factory = null;
            // jnasmartcardio reports a missing pcscd, or no readers on some stacks, this way
            String text = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (text.contains("NO_READERS")) {
                return List.of();
            }
            throw new ReaderSelectionException("cannot list readers: " + text + " (is pcscd running?)", e);
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            factory = null;
            String text = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (text.contains("NO_READERS")) {
                return List.of();
            }
            throw new ReaderSelectionException("PC/SC is not available: " + e.getMessage(), e);
        }
    }

    private static CardTerminals terminals() throws NoSuchAlgorithmException {
        if (factory == null) {
            factory = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
        }
        return factory.terminals();
    }
}
