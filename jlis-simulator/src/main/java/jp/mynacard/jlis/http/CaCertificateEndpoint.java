package jp.mynacard.jlis.http;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.admin.CentreAdministration;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The centre's CA and signer certificates, public like the CRLs: {@code /ca/sign.pem} (the CA's
 * current generation), {@code /ca/auth.der}, {@code /ca/card-data.pem}; one generation's
 * {@code /ca/sign-g2.der} (what a holder certificate's AIA caIssuers names); the link
 * certificates {@code /ca/sign-links.pem}; every generation and link {@code /ca/sign-all.pem}; the
 * CRL signers' {@code /ca/sign-crl-signer.der}, {@code /ca/crl-issuer-auth.pem}; and, as the certs-only
 * CMS bundle that caIssuers in holder certificates and CRLs names, every generation, link and CRL
 * signer of a CA: {@code /ca/sign-all.p7c}.
 */
final class CaCertificateEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/ca/";
    private static final Pattern CURRENT = Pattern.compile("(sign|auth|card-data)\\.(pem|der)");
    private static final Pattern GENERATION = Pattern.compile("(sign|auth)-g([1-9][0-9]{0,5})\\.(pem|der)");
    private static final Pattern BUNDLE = Pattern.compile("(sign|auth)-(links|all)\\.pem");
    private static final Pattern CRL_SIGNER = Pattern.compile("((?:sign|auth)-crl-signer|crl-issuer-(?:sign|auth))\\.(pem|der)");
    private static final Pattern CERTS_ONLY = Pattern.compile("(sign|auth)-all\\.p7c");

    private final CentreAdministration administration;

    CaCertificateEndpoint(CentreAdministration administration) {
        this.administration = administration;
    }

    @Override
    public CentreResponse handle(CentreRequest request) {
        if (!"GET".equals(request.method())) {
            throw new HttpProblem(405, "use GET");
        }
        String name = request.path().substring(PATH.length());
        Matcher current = CURRENT.matcher(name);
        Matcher generation = GENERATION.matcher(name);
        Matcher bundle = BUNDLE.matcher(name);
        Matcher crlSigner = CRL_SIGNER.matcher(name);
        Matcher certsOnly = CERTS_ONLY.matcher(name);
        if (current.matches()) {
            return answer(administration.authorityCertificate(current.group(1)), current.group(2));
        } else if (generation.matches()) {
            CertificateUsage usage = CertificateUsage.fromShortName(generation.group(1));
            int number = Integer.parseInt(generation.group(2));
            return answer(administration.authorityCertificate(usage, number).orElseThrow(() -> new HttpProblem(404,
                    "the " + usage.displayName() + " CA has no generation " + number + " (it has "
                            + administration.generations(usage).current().number() + ")")), generation.group(3));
        } else if (bundle.matches()) {
            CertificateUsage usage = CertificateUsage.fromShortName(bundle.group(1));
            return pemBundle(bundle.group(2).equals("links")
                    ? administration.generations(usage).links() : administration.everyAuthorityCertificate(usage));
        } else if (crlSigner.matches()) {
            return answer(administration.crlSignerCertificate(crlSigner.group(1)).orElseThrow(() -> new HttpProblem(404,
                    "this centre has no " + crlSigner.group(1) + " (see bin/jlis serve --crl-signer, --indirect-crl)")),
                    crlSigner.group(2));
        } else if (certsOnly.matches()) {
            return CentreResponse.of(200, "application/pkcs7-mime",
                    CertsOnlyBundle.encode(administration.publishedCertificates(CertificateUsage.fromShortName(certsOnly.group(1)))));
        } else {
            throw new HttpProblem(404, "CA certificates: sign, auth or card-data, as .pem or .der; sign-gN or auth-gN"
                    + " (generation N); sign-links.pem, auth-links.pem, sign-all.pem, auth-all.pem, sign-all.p7c,"
                    + " auth-all.p7c; sign-crl-signer, auth-crl-signer, crl-issuer-sign, crl-issuer-auth");
        }
    }

    private static CentreResponse answer(X509Certificate certificate, String form) {
        if (form.equals("der")) {
            return CentreResponse.of(200, "application/pkix-cert", encoded(certificate));
        }
        return pemBundle(List.of(certificate));
    }

    /** A PEM bundle, certificate after certificate; empty (200) when there are none, as before any rollover's links. */
    private static CentreResponse pemBundle(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(Pem.certificate(encoded(certificate)));
        }
        return CentreResponse.of(200, "application/x-pem-file", pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
