package jp.mynacard.host.cardface;

import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.CardResponses;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.host.card.TlvFileReader;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * The file-system commands the card-face APs share (spec §2): SELECT of the AP and of an EF,
 * VERIFY against a PIN EF, and reading one TLV element from an EF.
 */
final class ApFiles {
    private final ApduChannel channel;

    private ApFiles(ApduChannel channel) {
        this.channel = channel;
    }

    /** Selects the AP {@code aid} (which resets its security state). */
    static ApFiles select(ApduChannel channel, byte[] aid, String application) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, aid));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new ApplicationNotFoundException(application, response.getSW());
        }
        return new ApFiles(channel);
    }

    ApduChannel channel() {
        return channel;
    }

    /** VERIFY of the PIN in EF {@code fid} with {@code pin} (ASCII), which this method zeroes. */
    void verify(int fid, byte[] pin, String label) {
        selectEf(fid, label);
        try {
            CardResponses.requireVerified(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80, pin)),
                    "VERIFY of the " + label);
        } finally {
            Arrays.fill(pin, (byte) 0); // CommandAPDU keeps its own copy we cannot reach
        }
    }

    /** Tries left of the PIN in EF {@code fid}, read without spending one (VERIFY with no data). */
    int triesLeft(int fid, String label) {
        selectEf(fid, label);
        return CardResponses.triesLeft(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80)),
                "VERIFY (tries left) of the " + label);
    }

    /** The TLV element in EF {@code fid}, whose first tag must be {@code tag}. */
    byte[] read(int fid, int tag, String what) {
        String ef = String.format("EF %04X (%s)", fid, what);
        selectEf(fid, ef);
        return new TlvFileReader(channel, ef).read(tag);
    }

    /** The card-verifiable certificate (7F 21) in EF {@code fid}. */
    CardVerifiableCertificate readCardVerifiableCertificate(int fid, String what) {
        return CardVerifiableCertificate.parse(read(fid, CardVerifiableCertificate.TAG_CERTIFICATE, what));
    }

    void selectEf(int fid, String what) {
        byte[] data = {(byte) (fid >> 8), (byte) fid};
        CardResponses.requireSuccess(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, data)),
                "SELECT of " + what);
    }
}
