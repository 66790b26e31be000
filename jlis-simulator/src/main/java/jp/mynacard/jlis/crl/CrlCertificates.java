package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The certificates of the keys that sign CRLs other than the CA keys, by the names the centre
 * serves them under {@code /ca/}: {@code sign-crl-signer}, {@code auth-crl-signer} (separate CRL
 * signers) and {@code crl-issuer-sign}, {@code crl-issuer-auth} (the indirect CRL issuer's from each CA).
 */
public final class CrlCertificates {
    private static final Pattern SIGNER = Pattern.compile("(sign|auth)-crl-signer");
    private static final Pattern ISSUER = Pattern.compile("crl-issuer-(sign|auth)");

    private final CrlSigners signers;
    private final IndirectCrlIssuer indirect;

    /** @param indirect null when the centre publishes no indirect CRL */
    public CrlCertificates(CrlSigners signers, IndirectCrlIssuer indirect) {
        this.signers = signers;
        this.indirect = indirect;
    }

    /** The certificate of that name, current; empty for a name this centre does not use. */
    public Optional<X509Certificate> find(String name) {
        try {
            Matcher signer = SIGNER.matcher(name);
            if (signer.matches()) {
                return signers.separateSignerCertificate(CertificateUsage.fromShortName(signer.group(1)));
            }
            Matcher issuer = ISSUER.matcher(name);
            if (issuer.matches() && indirect != null) {
                return Optional.of(indirect.certificate(CertificateUsage.fromShortName(issuer.group(1))));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRL signer's certificate " + name, e);
        }
    }
}
