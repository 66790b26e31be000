package jp.mynacard.host.kiosk;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;

/**
 * The service side of コンビニ交付 authentication: hands out fresh challenges and decides on the
 * responses. A response is accepted when its challenge is known, unexpired and answered for the
 * first time, the signature over it verifies with the certificate's key, and the certificate
 * validates (path to the trusted user-authentication CA, not revoked or suspended at the centre).
 * Any response redeems its challenge, a refused one too, so a challenge gives one attempt.
 * Thread safe.
 */
public final class HolderVerifier {
    /** JPKI user-authentication keys sign PKCS#1 v1.5 over a DigestInfo; SHA-256 is what kiosks use. */
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(2);
    public static final int DEFAULT_CAPACITY = 10_000;

    private final CertificateValidator validator;
    private final ChallengeBook challenges;

    /**
     * @param service  the service's name, signed along with every challenge
     * @param validator built with the user-authentication CA as trust anchor, revocation as the service requires
     * @param lifetime how long a challenge may be answered
     * @param capacity how many challenges may be outstanding (bounds the memory)
     */
    public HolderVerifier(String service, CertificateValidator validator, Clock clock, Duration lifetime, int capacity) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.challenges = new ChallengeBook(service, clock, lifetime, capacity);
    }

    public HolderVerifier(String service, CertificateValidator validator) {
        this(service, validator, Clock.systemUTC(), DEFAULT_LIFETIME, DEFAULT_CAPACITY);
    }

    /** @throws ServiceBusyException when the outstanding challenges fill the capacity */
    public Challenge challenge() {
        return challenges.issue();
    }

    public Verdict verify(AuthenticationResponse response) {
        ChallengeBook.Outcome outcome = challenges.redeem(response.challengeId());
        switch (outcome.redemption()) {
            case UNKNOWN:
                return refused(RefusalReason.CHALLENGE_UNKNOWN);
            case REPLAYED:
                return refused(RefusalReason.CHALLENGE_REPLAYED);
            case EXPIRED:
                return refused(RefusalReason.CHALLENGE_EXPIRED);
            default:
                break;
        }
        Challenge challenge = outcome.challenge().orElseThrow();
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.certificate()));
        } catch (CertificateException | ClassCastException e) {
            return refused(RefusalReason.MALFORMED_RESPONSE);
        }
        if (!signatureVerifies(certificate, challenge, response.signature())) {
            return refused(RefusalReason.SIGNATURE_INVALID);
        }
        ValidationResult validation = validator.validate(certificate);
        return validation.valid() ? new Verdict.Accepted(certificate, validation)
                : new Verdict.Refused(Refusal.of(validation));
    }

    /** Parses the wire form first: a response that does not parse is refused, its challenge untouched. */
    public Verdict verify(String responseJson) {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponse.fromJson(responseJson);
        } catch (MalformedMessageException e) {
            return refused(RefusalReason.MALFORMED_RESPONSE);
        }
        return verify(response);
    }

    private static boolean signatureVerifies(X509Certificate certificate, Challenge challenge, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge.signedBytes());
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key of another type, a signature of the wrong length: not the card's signature
            return false;
        }
    }

    private static Verdict refused(RefusalReason reason) {
        return new Verdict.Refused(Refusal.of(reason));
    }
}
