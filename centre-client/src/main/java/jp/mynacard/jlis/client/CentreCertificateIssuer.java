package jp.mynacard.jlis.client;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;

/** Personalization's view of a running centre: certificates for a card's keys, over the admin API. */
public final class CentreCertificateIssuer implements CertificateIssuer {
    private final CentreClient client;

    public CentreCertificateIssuer(CentreClient client) {
        this.client = client;
    }

    @Override
    public IssuedCertificates issue(Holder holder, RSAPublicKey authKey, RSAPublicKey signKey) {
        byte[] auth = der(client.issue("auth", authKey, holder.basicAttributes(), holder.cardExpiry()).get("certificate"));
        byte[] sign = der(client.issue("sign", signKey, holder.basicAttributes(), holder.cardExpiry()).get("certificate"));
        return new IssuedCertificates(auth, client.authorityCertificate("auth", true), sign, client.authorityCertificate("sign", true));
    }

    private static byte[] der(String pem) {
        String base64 = pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
        byte[] der = Base64.getMimeDecoder().decode(base64);
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CentreException(0, "the centre returned a certificate that does not parse", e);
        }
        return der;
    }
}
