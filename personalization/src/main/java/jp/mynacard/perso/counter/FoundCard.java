package jp.mynacard.perso.counter;

import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.Holder;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A card reported lost turns up. Its suspended certificates are never lifted (the centre has no
 * resume: whoever had the card could have used it), so both are revoked (keyCompromise) and the
 * card gets a new signature key and certificate. The authentication key is fixed at issuance
 * (docs/personalization-commands.md: the channel renews only the signature key after LOCK), so
 * the card's authentication stays revoked until the card is replaced; {@link Outcome} says so.
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
        byte[] sign = SignatureRenewal.renew(channel, master, centre, holder, certificates.signSerial());
        return new Outcome(sign, false);
    }

    /**
     * @param signCertificate the new signature certificate, DER
     * @param authRenewed whether the card can authenticate again (false: it needs replacing for that)
     */
    public record Outcome(byte[] signCertificate, boolean authRenewed) {
    }
}
