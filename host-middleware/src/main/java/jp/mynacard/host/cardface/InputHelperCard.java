package jp.mynacard.host.cardface;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.CardResponses;
import jp.mynacard.host.card.MalformedCardDataException;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.host.card.TlvFileReader;

/**
 * The card-input-helper AP (券面事項入力補助AP, spec §4): the My Number and the four
 * attributes as text, and the centre's signature that proves them genuine. The card enforces
 * the read conditions (My Number: PIN or PIN-A; attributes: PIN or PIN-B); verified PINs last
 * while this session keeps the AP selected.
 */
public final class InputHelperCard implements AutoCloseable {
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08};
    private static final int SIGNER_CERTIFICATE_FID = 0x0004;
    private static final int DER_SEQUENCE = 0x30;

    private final ApduChannel channel;

    private InputHelperCard(ApduChannel channel) {
        this.channel = channel;
    }

    /** Connects to the card in {@code terminal} and selects the AP. */
    public static InputHelperCard open(CardTerminal terminal) {
        ApduChannel channel = ApduChannel.open(terminal);
        try {
            return over(channel);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Selects the AP over a channel someone else opened (which resets the AP's security state). */
    public static InputHelperCard over(ApduChannel channel) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new ApplicationNotFoundException("card-input-helper application", response.getSW());
        }
        return new InputHelperCard(channel);
    }

    /** Checks the format (and PIN-A's check digit) first, so a mistyped PIN costs no try. */
    public void verifyPin(InputHelperPin which, char[] value) {
        which.checkFormat(value);
        selectEf(which.fid(), "input-helper " + which.label());
        byte[] bytes = which.bytes(value);
        try {
            CardResponses.requireVerified(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80, bytes)),
                    "VERIFY of the input-helper " + which.label());
        } finally {
            Arrays.fill(bytes, (byte) 0); // CommandAPDU keeps its own copy we cannot reach
        }
    }

    /** Tries left, read without spending one (VERIFY with no data). */
    public int pinTriesLeft(InputHelperPin which) {
        selectEf(which.fid(), "input-helper " + which.label());
        return CardResponses.triesLeft(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80)),
                "VERIFY (tries left) of the input-helper " + which.label());
    }

    /** Needs the PIN or PIN-A verified. */
    public String myNumber() {
        return MyNumberFile.parse(read(MyNumberFile.FID, MyNumberFile.TAG, "My Number"));
    }

    /** Needs the PIN or PIN-B verified. */
    public CardAttributes attributes() {
        return AttributesFile.parse(read(AttributesFile.FID, AttributesFile.TAG, "attributes")).attributes();
    }

    /** The centre's card-data signer certificate (EF 0004), readable without a PIN. */
    public X509Certificate signerCertificate() {
        return certificate(read(SIGNER_CERTIFICATE_FID, DER_SEQUENCE, "signer certificate"));
    }

    /** {@link #verify(X509Certificate)} trusting whatever signer certificate the card holds. */
    public InputHelperVerification verify() {
        return verify(null);
    }

    /**
     * Proves the My Number and the attributes genuine against EF 0003; needs the PIN, or both
     * PIN-A and PIN-B, verified. With {@code trustedSigner} the card's signer certificate must
     * also be that one: without it a forger could sign with a certificate of its own.
     */
    public InputHelperVerification verify(X509Certificate trustedSigner) {
        byte[] myNumber = read(MyNumberFile.FID, MyNumberFile.TAG, "My Number");
        byte[] attributes = read(AttributesFile.FID, AttributesFile.TAG, "attributes");
        byte[] signature = read(SignatureFile.FID, SignatureFile.TAG, "signature");
        X509Certificate signer = signerCertificate();
        return CardDataVerifier.verify(myNumber, attributes, signature, signer, trustedSigner);
    }

    public ApduChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close();
    }

    private byte[] read(int fid, int tag, String what) {
        String ef = String.format("EF %04X (%s)", fid, what);
        selectEf(fid, ef);
        return new TlvFileReader(channel, ef).read(tag);
    }

    private void selectEf(int fid, String what) {
        byte[] data = {(byte) (fid >> 8), (byte) fid};
        CardResponses.requireSuccess(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, data)),
                "SELECT of " + what);
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new MalformedCardDataException("EF 0004 (signer certificate) is not a valid X.509 certificate");
        }
    }
}
