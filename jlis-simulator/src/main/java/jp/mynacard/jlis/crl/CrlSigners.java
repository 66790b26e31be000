package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jp.mynacard.jlis.ca.CentreKeyStore;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.CrlSignerCertificates;
import jp.mynacard.jlis.ca.PublicationPoints;

/**
 * Which key signs each CA's holder-certificate CRLs, asked afresh at every publication: the
 * current CA key itself, or ({@link CrlSignerMode#SEPARATE}) a CRL signer under the CA's name
 * whose key is kept in the centre's key store ({@code sign-crl-signer}, {@code auth-crl-signer})
 * and whose certificate the current CA issues. That certificate is issued anew when the current
 * CA is no longer the one that signed it (a rollover) and when it has less than
 * {@link #RENEW_BEFORE} left.
 */
public final class CrlSigners {
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final CrlSignerMode mode;
    private final Function<CertificateUsage, CertificateAuthority> currentAuthority;
    private final CentreKeyStore store;
    private final PublicationPoints points;
    private final Clock clock;
    private final Map<CertificateUsage, CertificateAuthority> separate = new EnumMap<>(CertificateUsage.class);

    private CrlSigners(CrlSignerMode mode, Function<CertificateUsage, CertificateAuthority> currentAuthority,
                       CentreKeyStore store, PublicationPoints points, Clock clock) {
        this.mode = mode;
        this.currentAuthority = currentAuthority;
        this.store = store;
        this.points = points;
        this.clock = clock;
    }

    /** Every CRL signed by the current CA key. */
    public static CrlSigners caKey(Function<CertificateUsage, CertificateAuthority> currentAuthority,
                                   PublicationPoints points) {
        return new CrlSigners(CrlSignerMode.CA, currentAuthority, null, points, null);
    }

    /** Holder CRLs signed by a separate CRL signer kept in {@code store}. */
    public static CrlSigners separate(Function<CertificateUsage, CertificateAuthority> currentAuthority,
                                      CentreKeyStore store, PublicationPoints points, Clock clock) {
        return new CrlSigners(CrlSignerMode.SEPARATE, currentAuthority, store, points, clock);
    }

    public CrlSignerMode mode() {
        return mode;
    }

    /** The current CA, which signs the infrastructure CRL whatever the mode. */
    public CertificateAuthority authority(CertificateUsage usage) {
        return currentAuthority.apply(usage);
    }

    /** The key that signs the CA's holder CRLs now, its certificate made current first. */
    public synchronized CertificateAuthority holderCrlSigner(CertificateUsage usage) throws IOException {
        CertificateAuthority ca = currentAuthority.apply(usage);
        if (mode == CrlSignerMode.CA) {
            return ca;
        }
        String alias = alias(usage);
        CertificateAuthority signer = separate.get(usage);
        if (signer == null) {
            signer = store.signer(alias).orElse(null);
        }
        if (signer == null || !CrlSignerCertificates.current(signer.certificate(), ca, clock.instant(), RENEW_BEFORE)) {
            signer = store.certifySigner(alias, key -> CrlSignerCertificates.issue(ca, ca.name(), key, clock.instant(),
                    points.infrastructureCrl(usage)));
        }
        separate.put(usage, signer);
        return signer;
    }

    /**
     * The holder CRLs' caIssuers: the CA's certs-only bundle, which holds the certificate of
     * {@link #holderCrlSigner} and the links that reach it from every generation's anchor.
     */
    public URI holderCrlSignerCertificate(CertificateUsage usage) {
        return points.caCertificates(usage);
    }

    /** The separate CRL signer's current certificate; empty when the CA key signs the CRLs. */
    public Optional<X509Certificate> separateSignerCertificate(CertificateUsage usage) throws IOException {
        return mode == CrlSignerMode.CA ? Optional.empty() : Optional.of(holderCrlSigner(usage).certificate());
    }

    /** {@code sign-crl-signer} or {@code auth-crl-signer}. */
    static String alias(CertificateUsage usage) {
        return usage.shortName() + "-crl-signer";
    }
}
