package jp.mynacard.jlis.client;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The centre's answer to an issuance: the new certificate's serial (hex), its type ("auth" or
 * "sign"), notAfter, the certificate as PEM, and the serial it replaces (null for a plain issue).
 */
public record IssuedCertificate(String serial, String type, Instant notAfter, String certificatePem, String replaces) {

    /** The certificate, DER; a certificate that does not parse is the centre's fault, said so. */
    public byte[] der() {
        try {
            byte[] der = Base64.getMimeDecoder().decode(certificatePem.replace("-----BEGIN CERTIFICATE-----", "")
                    .replace("-----END CERTIFICATE-----", ""));
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return der;
        } catch (CertificateException | IllegalArgumentException e) {
            throw new CentreException(0, "the centre returned a certificate that does not parse", e);
        }
    }

    static IssuedCertificate of(Map<String, String> answer) {
        return new IssuedCertificate(JsonFields.required(answer, "serial"), JsonFields.required(answer, "type"),
                JsonFields.instant(answer, "notAfter"), JsonFields.required(answer, "certificate"), answer.get("replaces"));
    }
}
