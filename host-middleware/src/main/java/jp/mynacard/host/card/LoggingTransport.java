package jp.mynacard.host.card;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.model.card.PinCommands;

/**
 * Logs every command and response at DEBUG ({@code System.Logger} jp.mynacard.host.card.ApduChannel),
 * the data of a command that carries a PIN (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER) left out.
 */
public final class LoggingTransport implements ApduTransport {
    private static final Logger LOG = System.getLogger(ApduChannel.class.getName());
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final ApduTransport next;

    public LoggingTransport(ApduTransport next) {
        this.next = next;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "> " + redacted(command));
        }
        ResponseAPDU response = next.transmit(command);
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "< " + HEX.formatHex(response.getData()) + " " + String.format("%04X", response.getSW()));
        }
        return response;
    }

    /** The command as a log shows it: whole, or its header and the length of the secret it carries. */
    static String redacted(CommandAPDU command) {
        if (PinCommands.carriesPin(command.getINS()) && command.getNc() > 0) {
            return header(command) + " [" + command.getNc() + " secret bytes not logged]";
        }
        return HEX.formatHex(command.getBytes());
    }

    static String header(CommandAPDU command) {
        return String.format("%02X %02X %02X %02X", command.getCLA(), command.getINS(), command.getP1(), command.getP2());
    }
}
