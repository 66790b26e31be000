package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.card.MynaCardException;
import jp.mynacard.host.jpki.JpkiCertificate;
import java.util.concurrent.TimeUnit;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import jp.mynacard.pcsc.VcardProcess;
import org.junit.jupiter.api.Test;

/** The host library scenarios through the real PC/SC stack: jnasmartcardio, pcscd, vpcd, bin/vcard. */
class JpkiCardPcscIT extends JpkiCardScenarios {
    private static final long CARD_VISIBLE_SECONDS = 10;
    private VcardProcess vcard;

    @Override
    CardTerminal insertFreshCard() throws Exception {
        vcard = VcardProcess.start();
        // pcscd has read the ATR when vcard says ready; its clients learn of the card a moment later
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CARD_VISIBLE_SECONDS);
        while (true) {
            try {
                return PcscReaders.choose(null);
            } catch (ReaderSelectionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    void removeCard() throws Exception {
        if (vcard != null) {
            vcard.close();
        }
    }

    @Test
    void aCardPulledMidSessionIsACardRemovedError() throws Exception {
        card.readCertificate(JpkiCertificate.AUTH);
        vcard.stop();
        MynaCardException e = assertThrows(MynaCardException.class, () -> card.readCertificate(JpkiCertificate.AUTH));
        org.junit.jupiter.api.Assertions.assertInstanceOf(CardRemovedException.class, e, e.toString());
    }
}
