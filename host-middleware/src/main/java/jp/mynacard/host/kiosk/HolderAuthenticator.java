package jp.mynacard.host.kiosk;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.card.InvalidPinFormatException;

/**
 * The kiosk side of コンビニ交付 authentication, over one card session: reads the
 * user-authentication certificate (no PIN needed), verifies the holder's 4-digit PIN, and has the
 * card sign the service's challenge with the user-authentication key. The PIN goes to the card
 * and nowhere else; the caller keeps (and clears) its array.
 */
public final class HolderAuthenticator {
    private final JpkiCard card;
    /** Read once per session: the card cannot change it, and a second read costs a SELECT and a READ BINARY. */
    private X509Certificate certificate;

    public HolderAuthenticator(JpkiCard card) {
        this.card = Objects.requireNonNull(card, "card");
    }

    /** The user-authentication certificate, as the card holds it; read without the PIN. */
    public X509Certificate certificate() {
        if (certificate == null) {
            certificate = card.certificate(JpkiCertificate.AUTH);
        }
        return certificate;
    }

    /**
     * Verifies the PIN and signs the challenge.
     *
     * @throws PinRefusedException wrong PIN (with the tries left), PIN blocked, or not 4 digits
     */
    public AuthenticationResponse respond(Challenge challenge, char[] pin) {
        byte[] certificate = encoded(certificate());
        try {
            card.verifyPin(JpkiKey.AUTH, pin);
        } catch (InvalidPinFormatException e) {
            throw PinRefusedException.malformed(e);
        } catch (WrongPinException e) {
            throw PinRefusedException.wrong(e.triesLeft(), e);
        } catch (PinBlockedException e) {
            throw PinRefusedException.blocked(e);
        }
        byte[] signature = card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, challenge.signedBytes());
        return new AuthenticationResponse(challenge.id(), certificate, signature);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the card's certificate does not encode", e);
        }
    }
}
