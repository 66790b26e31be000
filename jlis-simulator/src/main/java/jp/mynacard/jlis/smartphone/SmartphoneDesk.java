package jp.mynacard.jlis.smartphone;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.JpkiCertificateProfile;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.jlis.provision.HolderSignature;
import jp.mynacard.jlis.registry.NewCertificate;
import jp.mynacard.jlis.registry.RevocationRegistry;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;

/**
 * Issues a phone's JPKI pair (スマホ用電子証明書) against proof of the card: the card's signature
 * key signed the request (the holder entered the signature PIN), the card's signature certificate
 * is this centre's and good, and the phone's keys are its own. The pair goes to the holder that
 * certificate names, by the same CAs and profile as a card's, ending with the card's certificate;
 * both are recorded with their link to it in one registry transaction before they leave, which
 * also retires the previous pair of that card and platform. docs/smartphone-certificates.md.
 */
public final class SmartphoneDesk {
    private final JpkiIssuer issuer;
    private final RevocationRegistry registry;
    private final Clock clock;

    public SmartphoneDesk(JpkiIssuer issuer, RevocationRegistry registry, Clock clock) {
        this.issuer = issuer;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param cardSignCertificateDer the holder's card signature certificate, as read from the card
     * @param proof the card's SHA256withRSA signature over {@link SmartphoneCertificateRequest#signedBytes()}
     * @throws SmartphoneRefusal when the request does not prove a good card of this centre; nothing is issued
     * @throws jp.mynacard.jlis.registry.InvalidTransitionException if the card stopped being good while the pair was signed
     */
    public IssuedSmartphoneCertificates issue(SmartphoneCertificateRequest request, byte[] cardSignCertificateDer,
                                              byte[] proof) {
        Instant now = clock.instant();
        VouchingCard card = VouchingCard.check(cardSignCertificateDer, issuer.generations(CertificateUsage.SIGNATURE).all()
                .stream().map(jp.mynacard.jlis.ca.CaGeneration::certificate).toList(), registry, now);
        if (!HolderSignature.verifies(card.certificate().getPublicKey(), request.signedBytes(), proof)) {
            throw new SmartphoneRefusal(SmartphoneRefusal.Kind.UNACCEPTABLE, "the proof does not verify with the card "
                    + "certificate's key (" + HolderSignature.ALGORITHM + " over the request naming this platform and "
                    + "these two keys)");
        }
        PhoneKeys.check(request, (RSAPublicKey) card.certificate().getPublicKey());
        LocalDate cardExpiry = JpkiCertificateProfile.lastDay(card.certificate().getNotAfter().toInstant());
        X509Certificate auth = issuer.issueUnrecorded(CertificateUsage.USER_AUTHENTICATION, card.holder(), cardExpiry,
                request.authKey());
        X509Certificate sign = issuer.issueUnrecorded(CertificateUsage.SIGNATURE, card.holder(), cardExpiry,
                request.signKey());
        registry.recordSmartphoneIssued(card.certificate().getSerialNumber(), request.platform(), unrecorded(auth),
                unrecorded(sign), now);
        return new IssuedSmartphoneCertificates(request.platform(), card.holder(), auth, sign,
                card.certificate().getSerialNumber());
    }

    private static NewCertificate unrecorded(X509Certificate certificate) {
        try {
            return new NewCertificate(certificate.getSerialNumber(), certificate.getNotAfter().toInstant(),
                    certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate the centre just signed does not encode", e);
        }
    }
}
