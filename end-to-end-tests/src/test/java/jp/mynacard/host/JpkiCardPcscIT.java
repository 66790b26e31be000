package jp.mynacard.host;

import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.model.card.MynaCardException;
import jp.mynacard.pcsc.VcardProcess;
import org.junit.jupiter.api.Test;

/** The host library scenarios through the real PC/SC stack: jnasmartcardio, pcscd, vpcd, bin/vcard. */
class JpkiCardPcscIT extends JpkiCardScenarios {
    private VcardProcess vcard;

    @Override
    CardTerminal insertFreshCard() throws Exception {
        vcard = VcardProcess.start();
        return PcscReaders.choose(null);
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
