package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.admin.CentreAdministration;

/**
 * The centre's CA and signer certificates, public like the CRLs: {@code /ca/sign.pem}, {@code /ca/auth.der},
 * {@code /ca/card-data.pem}, and the CRL signers' {@code /ca/sign-crl-signer.der}, {@code /ca/crl-issuer-auth.pem}.
 */
final class CaCertificateEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/ca/";
    private static final Pattern NAME = Pattern.compile("(sign|auth|card-data)\\.(pem|der)");
    private static final Pattern CRL_SIGNER = Pattern.compile("((?:sign|auth)-crl-signer|crl-issuer-(?:sign|auth))\\.(pem|der)");

    private final CentreAdministration administration;

    CaCertificateEndpoint(CentreAdministration administration) {
        this.administration = administration;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw new HttpProblem(405, "use GET");
        }
        String path = exchange.getRequestURI().getPath().substring(PATH.length());
        Matcher name = NAME.matcher(path);
        Matcher crlSigner = CRL_SIGNER.matcher(path);
        X509Certificate certificate;
        if (name.matches()) {
            certificate = administration.authorityCertificate(name.group(1));
        } else if (crlSigner.matches()) {
            name = crlSigner;
            certificate = administration.crlSignerCertificate(crlSigner.group(1)).orElseThrow(() -> new HttpProblem(404,
                    "this centre has no " + crlSigner.group(1) + " (see bin/jlis serve --crl-signer, --indirect-crl)"));
        } else {
            throw new HttpProblem(404, "CA certificates: sign, auth, card-data, sign-crl-signer, auth-crl-signer,"
                    + " crl-issuer-sign or crl-issuer-auth, as .pem or .der");
        }
        try {
            if (name.group(2).equals("der")) {
                Responses.send(exchange, 200, "application/pkix-cert", certificate.getEncoded());
            } else {
                Responses.send(exchange, 200, "application/x-pem-file",
                        Pem.certificate(certificate.getEncoded()).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
