package jp.mynacard.host.reader;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern SCARD_CODE = Pattern.compile("SCARD_[EFW]_[A-Z_]+");
    private static TerminalFactory factory;

    private PcscContext() {
    }

    static synchronized List<CardTerminal> readers() {
        try {
            return terminals().list();
        } catch (CardException | NoSuchAlgorithmException | RuntimeException e) {
            factory = null;
            // jnasmartcardio reports a missing pcscd, or no readers on some stacks, this way
            String text = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (text.contains("NO_READERS")) {
                return List.of();
            }
            if (text.contains("NO_SERVICE") || text.contains("SERVICE_STOPPED")) {
                throw new ReaderSelectionException("the PC/SC service is not running: start pcscd ("
                        + code(text) + ")", e);
            }
            throw new ReaderSelectionException("cannot list readers: " + text + " (is pcscd running?)", e);
        }
    }

    /** The SCARD_ code in a PC/SC failure's text, e.g. SCARD_E_NO_SERVICE; the whole text if none. */
    private static String code(String text) {
        Matcher code = SCARD_CODE.matcher(text);
        return code.find() ? code.group() : text;
    }

    private static CardTerminals terminals() throws NoSuchAlgorithmException {
        if (factory == null) {
            factory = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
        }
        return factory.terminals();
    }
}
