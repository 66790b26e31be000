package jp.mynacard.perso.centre;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreClient;
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
        return client.issue(kind.centreName(), key, holder.basicAttributes(), holder.cardExpiry(),
                replaces == null ? null : CardCertificates.hex(replaces)).der();
    }

    @Override
    public CardDataSigner cardDataSigner() {
        return cardDataSigner;
    }
}
