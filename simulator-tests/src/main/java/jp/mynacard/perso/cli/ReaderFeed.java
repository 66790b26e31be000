package jp.mynacard.perso.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.reader.PcscReaders;

/**
 * Blanks from a PC/SC reader with a card feeder (a personalization machine, or bin/vcard --blank
 * --feeder): one card at a time; after a card is done the next one is the first card in the
 * reader whose serial differs, so an issued card left in the reader is never taken for a blank.
 */
final class ReaderFeed implements BlankCards {
    private static final CommandAPDU GET_SERIAL = new CommandAPDU(0x80, 0xCA, 0x00, 0xC1, 256);
    /** The serial is answered by a selected AP; the JPKI AP is on every blank. */
    private static final CommandAPDU SELECT_JPKI = new CommandAPDU(0x00, 0xA4, 0x04, 0x0C,
            HexFormat.of().parseHex("D392F000260100000001"));
    private static final long POLL_MILLIS = 200;

    private final String readerName;
    private final Duration patience;
    private String lastSerial;

    ReaderFeed(String readerName, Duration patience) {
        this.readerName = readerName;
        this.patience = patience;
    }

    @Override
    public BlankCard take() throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                CardTerminal terminal = PcscReaders.waitForCard(readerName, patience);
                String serial = serial(terminal);
                if (serial != null && !serial.equals(lastSerial)) {
                    return new BlankCard(serial, terminal);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no new blank card in reader '" + readerName + "' within " + patience.toSeconds() + " s");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a blank card", e);
        }
    }

    /** The card serial (GET DATA C1), or null when the card would not answer it. */
    private static String serial(CardTerminal terminal) {
        try {
            Card card = terminal.connect("*");
            try {
                if (card.getBasicChannel().transmit(SELECT_JPKI).getSW() != 0x9000) {
                    return null;
                }
                ResponseAPDU answer = card.getBasicChannel().transmit(GET_SERIAL);
                return answer.getSW() == 0x9000 ? new String(answer.getData(), StandardCharsets.US_ASCII) : null;
            } finally {
                card.disconnect(false);
            }
        } catch (CardException e) {
            return null;
        }
    }

    @Override
    public void release(BlankCard card, boolean issued) {
        if (issued) {
            lastSerial = card.serial(); // the feeder swaps it for a blank; a failed card stays to be wiped and reused
        }
    }

    @Override
    public int parallelism() {
        return 1;
    }
}
