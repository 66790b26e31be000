package jp.mynacard.jlis.ca;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import jp.mynacard.perso.CertificateIssuer;
import jp.mynacard.perso.Holder;
import jp.mynacard.perso.IssuedCertificates;

/**
 * The centre's issuing desk: a signature CA and a user-authentication CA, each issuing to the
 * JPKI profile for the keys a card generated.
 */
public final class JpkiIssuer implements CertificateIssuer {
    private final CertificateAuthority signatureCa;
    private final CertificateAuthority authenticationCa;
    private final Clock clock;

    public JpkiIssuer(CertificateAuthority signatureCa, CertificateAuthority authenticationCa, Clock clock) {
        this.signatureCa = signatureCa;
        this.authenticationCa = authenticationCa;
        this.clock = clock;
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
        return new IssuedCertificates(der(auth), der(authenticationCa.certificate()),
                der(sign), der(signatureCa.certificate()));
    }

    public X509Certificate issue(CertificateUsage usage, Holder holder, PublicKey key) {
        return JpkiCertificateProfile.issue(authority(usage), usage, holder, key, clock.instant());
    }

    public CertificateAuthority authority(CertificateUsage usage) {
        return usage == CertificateUsage.SIGNATURE ? signatureCa : authenticationCa;
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
