package jp.mynacard.perso.counter;

import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A card reported lost turns up. Its suspended certificates are never lifted (the centre has no
 * resume: whoever had the card could have used it), so both are revoked (keyCompromise) and the
 * card gets new keys and certificates for both, generated on the card.
 */
public final class FoundCard {
    private final ApduChannel channel;
    private final IssuerMasterKey master;
    private final CounterCentre centre;

    public FoundCard(ApduChannel channel, IssuerMasterKey master, CounterCentre centre) {
        this.channel = channel;
        this.master = master;
        this.centre = centre;
    }

    /**
     * @param holder the holder as registered now
     * @param certificates the card's certificates, as reported lost
     */
    public Outcome recover(Holder holder, CardCertificates certificates) {
        centre.revoke(CertificateKind.AUTH, certificates.authSerial(), RevocationCause.KEY_COMPROMISE);
        centre.revoke(CertificateKind.SIGN, certificates.signSerial(), RevocationCause.KEY_COMPROMISE);
        byte[] auth = CertificateRenewal.renew(channel, master, centre, holder, CertificateKind.AUTH, null);
        byte[] sign = CertificateRenewal.renew(channel, master, centre, holder, CertificateKind.SIGN, certificates.signSerial());
        return new Outcome(auth, sign);
    }

    /** The new certificates, DER. */
    public record Outcome(byte[] authCertificate, byte[] signCertificate) {
    }
}
