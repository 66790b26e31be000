package jp.mynacard.jlis.client;

import java.security.interfaces.RSAPublicKey;
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
        byte[] auth = client.issue("auth", authKey, holder.basicAttributes(), holder.cardExpiry()).der();
        byte[] sign = client.issue("sign", signKey, holder.basicAttributes(), holder.cardExpiry()).der();
        return new IssuedCertificates(auth, client.authorityCertificate("auth", true), sign, client.authorityCertificate("sign", true));
    }
}
