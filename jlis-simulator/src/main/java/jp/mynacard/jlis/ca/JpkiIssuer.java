package jp.mynacard.jlis.ca;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;

/**
 * The centre's issuing desk: a signature CA and a user-authentication CA, each issuing to the
 * JPKI profile for the keys a card generated, and telling the registry of each certificate.
 */
public final class JpkiIssuer implements CertificateIssuer {
    /** Told of every certificate issued, before it leaves the desk. */
    public interface IssuanceLog {
        void issued(CertificateUsage usage, X509Certificate certificate);
    }

    private final Function<CertificateUsage, CaGenerations> generations;
    private final Clock clock;
    private final PublicationPoints points;
    private final IssuanceLog log;

    /** A desk whose certificates name no CRL or OCSP service and are recorded nowhere: for tests without a centre. */
    public JpkiIssuer(CertificateAuthority signatureCa, CertificateAuthority authenticationCa, Clock clock) {
        this(signatureCa, authenticationCa, clock, null, (usage, certificate) -> { });
    }

    public JpkiIssuer(CertificateAuthority signatureCa, CertificateAuthority authenticationCa, Clock clock,
                      PublicationPoints points, IssuanceLog log) {
        this(Map.of(CertificateUsage.SIGNATURE, CaGenerations.single(CertificateUsage.SIGNATURE, signatureCa),
                CertificateUsage.USER_AUTHENTICATION, CaGenerations.single(CertificateUsage.USER_AUTHENTICATION,
                        authenticationCa))::get, clock, points, log);
    }

    /** A desk issuing with each CA's current generation, whichever it is at the time ({@code CentreKeys::generations}). */
    public JpkiIssuer(Function<CertificateUsage, CaGenerations> generations, Clock clock, PublicationPoints points,
                      IssuanceLog log) {
        this.generations = generations;
        this.clock = clock;
        this.points = points;
        this.log = log;
    }

    /** Two new CAs with fresh keys, valid from the clock's now. */
    public static JpkiIssuer withNewAuthorities(Clock clock) {
        return new JpkiIssuer(CertificateAuthority.create(CertificateUsage.SIGNATURE.caName(), clock),
                CertificateAuthority.create(CertificateUsage.USER_AUTHENTICATION.caName(), clock), clock);
    }

    @Override
    public IssuedCertificates issue(Holder holder, RSAPublicKey authKey, RSAPublicKey signKey) {
        X509Certificate auth = issue(CertificateUsage.USER_AUTHENTICATION, holder, authKey);
        X509Certificate sign = issue(CertificateUsage.SIGNATURE, holder, signKey);
        return new IssuedCertificates(der(auth), der(issuerOf(CertificateUsage.USER_AUTHENTICATION, auth)),
                der(sign), der(issuerOf(CertificateUsage.SIGNATURE, sign)));
    }

    public X509Certificate issue(CertificateUsage usage, Holder holder, PublicKey key) {
        return issue(usage, holder.basicAttributes(), holder.cardExpiry(), key);
    }

    public X509Certificate issue(CertificateUsage usage, BasicAttributes holder, LocalDate cardExpiry, PublicKey key) {
        X509Certificate certificate = JpkiCertificateProfile.issue(generations.apply(usage).current(), usage, holder,
                cardExpiry, key, clock.instant(), points);
        log.issued(usage, certificate);
        return certificate;
    }

    /**
     * Signs a certificate to the profile without telling the issuance log: for a caller that
     * records it itself, with more in the same registry transaction (a phone's pair and its link to
     * the card), and must do so before the certificate leaves the centre.
     */
    public X509Certificate issueUnrecorded(CertificateUsage usage, BasicAttributes holder, LocalDate cardExpiry,
                                           PublicKey key) {
        return JpkiCertificateProfile.issue(generations.apply(usage).current(), usage, holder, cardExpiry, key,
                clock.instant(), points);
    }

    /** The CA's current generation: what issues now. */
    public CertificateAuthority authority(CertificateUsage usage) {
        return generations.apply(usage).current().authority();
    }

    /** Every generation of the CA, oldest first: what issued the certificates still about. */
    public CaGenerations generations(CertificateUsage usage) {
        return generations.apply(usage);
    }

    /** The CA certificate of the generation that signed this certificate (a rollover may come between). */
    private X509Certificate issuerOf(CertificateUsage usage, X509Certificate certificate) {
        return generations.apply(usage).issuerOf(certificate).orElseThrow().certificate();
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
