package jp.mynacard.host.jpki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardResponses;
import jp.mynacard.host.card.NotJpkiCardException;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.host.card.TlvFileReader;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.jpki.CertifiedAttributes;

/**
 * The JPKI AP of a My Number card (spec §2–§3): certificates, PIN counters, PIN checks and
 * on-card RSA signatures. One instance per card session; the card's security state (verified
 * PINs) lives as long as the session and this AP stays selected.
 */
public final class JpkiCard implements AutoCloseable {
    static final byte[] AID = CardApplication.JPKI.aid();
    /** PKCS#1 v1.5 type 1 needs 11 bytes of padding inside the 256-byte RSA-2048 block. */
    private static final int MAX_DIGEST_INFO = 2048 / 8 - 11;
    private static final int SIGNATURE_LENGTH = 256;
    /** A certificate EF holds exactly one DER certificate, a SEQUENCE. */
    private static final int DER_SEQUENCE = 0x30;
    private static final int EF_CERTIFICATE_AVAILABILITY = CardFile.JPKI_CERTIFICATE_AVAILABILITY.fid();

    private final ApduChannel channel;

    private JpkiCard(ApduChannel channel) {
        this.channel = channel;
    }

    /** Connects to the card in {@code terminal} and selects the JPKI AP. */
    public static JpkiCard open(CardTerminal terminal) {
        return ApduChannel.open(terminal, JpkiCard::over);
    }

    /** Selects the JPKI AP over a channel someone else opened. */
    public static JpkiCard over(ApduChannel channel) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new NotJpkiCardException(response.getSW());
        }
        return new JpkiCard(channel);
    }

    /** The DER bytes of a certificate; {@link JpkiCertificate#SIGN} needs the sign PIN verified first. */
    public byte[] readCertificate(JpkiCertificate which) {
        String what = which.cliName() + " certificate";
        selectEf(which.fid(), what);
        return new TlvFileReader(channel, what).read(DER_SEQUENCE);
    }

    public X509Certificate certificate(JpkiCertificate which) {
        byte[] der = readCertificate(which);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("the " + which.cliName() + " certificate on the card is not valid X.509", e);
        }
    }

    /** Which certificates the card holds (EF 0008, no PIN): a card without a signature certificate says so. */
    public CertificateAvailability certificateAvailability() {
        selectEf(EF_CERTIFICATE_AVAILABILITY, "certificate availability");
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, CertificateAvailability.LENGTH));
        return CertificateAvailability.parse(CardResponses.requireSuccess(response, "READ BINARY of EF 0008").getData());
    }

    /** The four attributes the centre certified, from the signature certificate (needs the sign PIN verified). */
    public CertifiedAttributes certifiedAttributes() {
        return CertifiedAttributes.of(certificate(JpkiCertificate.SIGN));
    }

    /**
     * Tries left before the PIN blocks, read without spending one (VERIFY with no data).
     *
     * @throws PinBlockedException if the PIN is blocked (6984, or 63C0 at the last wrong try)
     * @throws CardCommandException for any answer but 63Cx
     */
    public int pinTriesLeft(JpkiKey key) {
        selectEf(key.pinFid(), key.cliName() + " PIN");
        return CardResponses.triesLeft(channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80)),
                "VERIFY (tries left) of the " + key.cliName() + " PIN");
    }

    /** Checks the PIN's format (no try spent on a malformed one), then verifies it on the card. */
    public void verifyPin(JpkiKey key, char[] pin) {
        key.checkPinFormat(pin);
        selectEf(key.pinFid(), key.cliName() + " PIN");
        CardResponses.requireVerified(transmitPin(0x20, 0x00, key, pin), "VERIFY of the " + key.cliName() + " PIN");
    }

    /** Verifies {@code oldPin}, then sets {@code newPin}; both formats are checked before anything is sent. */
    public void changePin(JpkiKey key, char[] oldPin, char[] newPin) {
        key.checkPinFormat(oldPin);
        key.checkPinFormat(newPin);
        verifyPin(key, oldPin);
        ResponseAPDU response = transmitPin(0x24, 0x01, key, newPin);
        CardResponses.requireSuccess(response, "CHANGE REFERENCE DATA of the " + key.cliName() + " PIN");
    }

    /** The card's PKCS#1 v1.5 signature over a DER DigestInfo; needs that key's PIN verified. */
    public byte[] signDigestInfo(JpkiKey key, byte[] digestInfo) {
        if (digestInfo.length > MAX_DIGEST_INFO) {
            throw new IllegalArgumentException("DigestInfo of " + digestInfo.length + " bytes does not fit RSA-2048 (max "
                    + MAX_DIGEST_INFO + ")");
        }
        selectEf(key.keyFid(), key.cliName() + " key");
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, SIGNATURE_LENGTH));
        return CardResponses.requireSuccess(response, "COMPUTE DIGITAL SIGNATURE with the " + key.cliName() + " key")
                .getData();
    }

    public byte[] signHash(JpkiKey key, DigestAlgorithm alg, byte[] hash) {
        return signDigestInfo(key, alg.digestInfo(hash));
    }

    public byte[] sign(JpkiKey key, DigestAlgorithm alg, byte[] message) {
        return signHash(key, alg, alg.digest(message));
    }

    public ApduChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close();
    }

    private void selectEf(int fid, String what) {
        byte[] data = {(byte) (fid >> 8), (byte) fid};
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, data));
        CardResponses.requireSuccess(response, "SELECT of the " + what + " EF " + String.format("%04X", fid));
    }

    private ResponseAPDU transmitPin(int ins, int p1, JpkiKey key, char[] pin) {
        byte[] bytes = key.pinBytes(pin);
        try {
            return channel.transmit(new CommandAPDU(0x00, ins, p1, 0x80, bytes));
        } finally {
            // CommandAPDU keeps its own copy we cannot reach; at least ours does not linger
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
