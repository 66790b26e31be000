package jp.mynacard.bench;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynacard.host.kiosk.AuthenticationResponse;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.MalformedMessageException;

/**
 * The kiosk verifier's peer in bin/bench: the same responses decided with the JDK's own classes
 * instead of {@code CertificateValidator}. The JSON and the one-shot challenge redemption are kept
 * equal to {@code HolderVerifier}'s; the signature is checked with {@link Signature}; the
 * certificate by {@code CertPathValidator("PKIX")} with the JDK's {@link PKIXRevocationChecker}
 * doing OCSP (end entity only, no CRL fallback) against the certificate's AIA responder, the
 * user-authentication CA as trust anchor. Whether that OCSP request carries a nonce is the JDK's
 * {@code jdk.security.certpath.ocspNonce} system property. Thread safe.
 */
final class JdkPkixPeer {
    private final Set<TrustAnchor> anchors;
    private final Map<String, Challenge> outstanding = new ConcurrentHashMap<>();
    /** The JDK's validator and parameters are built once per client thread, as a service would. */
    private final ThreadLocal<Pkix> pkix = ThreadLocal.withInitial(this::newPkix);

    JdkPkixPeer(X509Certificate userAuthenticationCa) {
        this.anchors = Set.of(new TrustAnchor(userAuthenticationCa, null));
    }

    /** Makes the challenge answerable once, as {@code HolderVerifier.challenge()} does for its own. */
    void expect(Challenge challenge) {
        outstanding.put(challenge.id(), challenge);
    }

    /** Null when accepted, else why not (the JDK's own message for a failed validation). */
    String refusal(String responseJson) {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponse.fromJson(responseJson);
        } catch (MalformedMessageException e) {
            return "malformed response";
        }
        Challenge challenge = outstanding.remove(response.challengeId());
        if (challenge == null) {
            return "challenge unknown or replayed";
        }
        if (!Instant.now().isBefore(challenge.expiresAt())) {
            return "challenge expired";
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(response.certificate()));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge.signedBytes());
            if (!verifier.verify(response.signature())) {
                return "signature invalid";
            }
            Pkix mine = pkix.get();
            mine.validator().validate(factory.generateCertPath(List.of(certificate)), mine.parameters());
            return null;
        } catch (GeneralSecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private Pkix newPkix() {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker ocsp = (PKIXRevocationChecker) validator.getRevocationChecker();
            ocsp.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(true);
            parameters.addCertPathChecker(ocsp);
            return new Pkix(validator, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pkix(CertPathValidator validator, PKIXParameters parameters) {
    }
}
