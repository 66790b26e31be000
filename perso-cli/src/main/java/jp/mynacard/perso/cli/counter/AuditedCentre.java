package jp.mynacard.perso.cli.counter;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.perso.counter.CertificateKind;
import jp.mynacard.perso.counter.CounterCentre;
import jp.mynacard.perso.counter.RevocationCause;

/**
 * The centre as a counter verb uses it, each step noted in the operation's audit once the centre
 * has confirmed it: a failure halfway (the centre gone after the first suspension) leaves in the
 * audit line exactly what was done.
 */
final class AuditedCentre implements CounterCentre {
    private final CounterCentre centre;
    private final CounterAudit audit;

    AuditedCentre(CounterCentre centre, CounterAudit audit) {
        this.centre = centre;
        this.audit = audit;
    }

    @Override
    public void suspend(CertificateKind kind, BigInteger serial) {
        centre.suspend(kind, serial);
        audit.suspended(kind, serial);
    }

    @Override
    public void revoke(CertificateKind kind, BigInteger serial, RevocationCause cause) {
        centre.revoke(kind, serial, cause);
        audit.revoked(kind, serial, cause.rfcName());
    }

    @Override
    public byte[] issueCertificate(CertificateKind kind, RSAPublicKey key, Holder holder, BigInteger replaces) {
        byte[] certificate = centre.issueCertificate(kind, key, holder, replaces);
        audit.issued(kind, IssuedCertificate.serial(certificate));
        return certificate;
    }

    @Override
    public CardDataSigner cardDataSigner() {
        return centre.cardDataSigner();
    }
}
