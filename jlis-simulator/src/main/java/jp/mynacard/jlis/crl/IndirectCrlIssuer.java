package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.mynacard.jlis.ca.CentreKeyStore;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.CrlSignerCertificates;
import jp.mynacard.jlis.ca.PublicationPoints;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The issuer of the one indirect CRL of both CAs (RFC 5280 §5, §5.2.5): its own key, kept in the
 * centre's key store as {@code crl-issuer} with the signature CA's certificate for it, and a
 * certificate from each current CA (keyUsage cRLSign), reissued when that CA changes or the
 * certificate nears its end. The user-authentication CA's certificate is kept in memory only and
 * issued again at each start: a relying party fetches it from the CRL's caIssuers.
 */
public final class IndirectCrlIssuer {
    public static final X500Name NAME = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "JP")
            .addRDN(BCStyle.O, "JPKI")
            .addRDN(BCStyle.OU, "JPKI CRL Issuer")
            .build();
    static final String ALIAS = "crl-issuer";

    private final CentreKeyStore store;
    private final Function<CertificateUsage, CertificateAuthority> currentAuthority;
    private final PublicationPoints points;
    private final Clock clock;
    private final Map<CertificateUsage, X509Certificate> certificates = new EnumMap<>(CertificateUsage.class);
    private CertificateAuthority key;

    public IndirectCrlIssuer(CentreKeyStore store, Function<CertificateUsage, CertificateAuthority> currentAuthority,
                             PublicationPoints points, Clock clock) {
        this.store = store;
        this.currentAuthority = currentAuthority;
        this.points = points;
        this.clock = clock;
    }

    /** The key that signs the indirect CRL, with its certificate from the signature CA; both certificates made current first. */
    public synchronized CertificateAuthority signer() throws IOException {
        CertificateAuthority sign = currentAuthority.apply(CertificateUsage.SIGNATURE);
        if (key == null) {
            key = store.signer(ALIAS).orElse(null);
        }
        if (key == null || !CrlSignerCertificates.current(key.certificate(), sign, clock.instant(), CrlSigners.RENEW_BEFORE)) {
            key = store.certifySigner(ALIAS, publicKey -> CrlSignerCertificates.issue(sign, NAME, publicKey,
                    clock.instant(), points.infrastructureCrl(CertificateUsage.SIGNATURE)));
        }
        certificates.put(CertificateUsage.SIGNATURE, key.certificate());
        CertificateAuthority auth = currentAuthority.apply(CertificateUsage.USER_AUTHENTICATION);
        X509Certificate fromAuth = certificates.get(CertificateUsage.USER_AUTHENTICATION);
        if (fromAuth == null || !CrlSignerCertificates.current(fromAuth, auth, clock.instant(), CrlSigners.RENEW_BEFORE)) {
            certificates.put(CertificateUsage.USER_AUTHENTICATION, CrlSignerCertificates.issue(auth, NAME,
                    key.publicKey(), clock.instant(), points.infrastructureCrl(CertificateUsage.USER_AUTHENTICATION)));
        }
        return key;
    }

    /** The issuer's current certificate from this CA. */
    public synchronized X509Certificate certificate(CertificateUsage usage) throws IOException {
        signer();
        return certificates.get(usage);
    }

    /** Where its certificates are published: the indirect CRL's caIssuers. */
    List<URI> certificateLocations() {
        return List.of(points.caCertificates(CertificateUsage.SIGNATURE),
                points.caCertificates(CertificateUsage.USER_AUTHENTICATION));
    }
}
