package jp.mynacard.perso.centre;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.CertificateKind;
import jp.mynacard.perso.counter.CounterCentre;
import jp.mynacard.perso.counter.RevocationCause;

/** A municipal counter's view of a running centre, over the admin API. */
public final class CentreCounter implements CounterCentre {
    private final CentreClient client;
    private final CardDataSigner cardDataSigner;

    public CentreCounter(CentreClient client) {
        this.client = client;
        this.cardDataSigner = new CentreCardDataSigning(client);
    }

    @Override
    public void suspend(CertificateKind kind, BigInteger serial) {
        client.suspend(CardCertificates.hex(serial), kind.centreName());
    }

    @Override
    public void revoke(CertificateKind kind, BigInteger serial, RevocationCause cause) {
        client.revoke(CardCertificates.hex(serial), cause.rfcName(), kind.centreName());
    }

    @Override
    public byte[] issueCertificate(CertificateKind kind, RSAPublicKey key, Holder holder, BigInteger replaces) {
        String pem = client.issue(kind.centreName(), key, holder.basicAttributes(), holder.cardExpiry(),
                replaces == null ? null : CardCertificates.hex(replaces)).get("certificate");
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", ""));
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CentreException(0, "the centre returned a certificate that does not parse", e);
        }
        return der;
    }

    @Override
    public CardDataSigner cardDataSigner() {
        return cardDataSigner;
    }
}
