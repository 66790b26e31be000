package jp.mynacard.host.cardface;

import java.security.cert.X509Certificate;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * The card-input-helper AP (券面事項入力補助AP, spec §4): the My Number and the four
 * attributes as text, and the centre's signature that proves them genuine. The card enforces
 * the read conditions (My Number: PIN or PIN-A; attributes: PIN or PIN-B); verified PINs last
 * while this session keeps the AP selected.
 */
public final class InputHelperCard implements AutoCloseable {
    static final byte[] AID = CardApplication.INPUT_HELPER.aid();
    private static final int SIGNER_CERTIFICATE_FID = CardFile.INPUT_HELPER_SIGNER_CERT.fid();

    private final ApFiles files;

    private InputHelperCard(ApFiles files) {
        this.files = files;
    }

    /** Connects to the card in {@code terminal} and selects the AP. */
    public static InputHelperCard open(CardTerminal terminal) {
        return ApduChannel.open(terminal, InputHelperCard::over);
    }

    /** Selects the AP over a channel someone else opened (which resets the AP's security state). */
    public static InputHelperCard over(ApduChannel channel) {
        return new InputHelperCard(ApFiles.select(channel, AID, "card-input-helper application"));
    }

    /** Checks the format (and PIN-A's check digit) first, so a mistyped PIN costs no try. */
    public void verifyPin(InputHelperPin which, char[] value) {
        files.verify(which.fid(), which.bytes(value), "input-helper " + which.label());
    }

    /** Tries left, read without spending one (VERIFY with no data). */
    public int pinTriesLeft(InputHelperPin which) {
        return files.triesLeft(which.fid(), "input-helper " + which.label());
    }

    /** Needs the PIN or PIN-A verified. */
    public String myNumber() {
        return MyNumberFile.parse(files.read(MyNumberFile.FID, MyNumberFile.TAG, "My Number"));
    }

    /** Needs the PIN or PIN-B verified. */
    /** EF 0005, which needs no PIN: the AP information and the key id. */
    public ApBasicData apBasicData() {
        return ApBasicData.parse(files.read(ApBasicData.FID, ApBasicData.TAG, "AP basic data"));
    }

    public CardAttributes attributes() {
        return AttributesFile.parse(files.read(AttributesFile.FID, AttributesFile.TAG, "attributes")).attributes();
    }

    /** The centre's card-data signer's card-verifiable certificate (EF 0004), readable without a PIN. */
    public CardVerifiableCertificate signerCertificate() {
        return files.readCardVerifiableCertificate(SIGNER_CERTIFICATE_FID, "signer certificate");
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
        byte[] myNumber = files.read(MyNumberFile.FID, MyNumberFile.TAG, "My Number");
        byte[] attributes = files.read(AttributesFile.FID, AttributesFile.TAG, "attributes");
        byte[] signature = files.read(SignatureFile.FID, SignatureFile.TAG, "signature");
        CardVerifiableCertificate signer = signerCertificate();
        return CardDataVerifier.verify(myNumber, attributes, signature, signer, trustedSigner);
    }

    public ApduChannel channel() {
        return files.channel();
    }

    @Override
    public void close() {
        files.channel().close();
    }
}
