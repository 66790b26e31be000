package jp.mynacard.perso.counter;

import java.math.BigInteger;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A change of address (or name) at the counter: the old signature certificate, which names the
 * old address, is revoked (affiliationChanged); the card generates a new signature key and gets
 * the centre's certificate for the new address, replacing the old; the card-face data is
 * rewritten and newly signed. The authentication certificate carries no address and stays.
 */
public final class AddressChange {
    private final ApduChannel channel;
    private final IssuerMasterKey master;
    private final CounterCentre centre;

    public AddressChange(ApduChannel channel, IssuerMasterKey master, CounterCentre centre) {
        this.channel = channel;
        this.master = master;
        this.centre = centre;
    }

    /**
     * @param moved the holder as now registered (the new address)
     * @param oldSignSerial the serial of the card's signature certificate
     * @return the new signature certificate, DER
     */
    public byte[] change(Holder moved, BigInteger oldSignSerial) {
        CardFaceRewrite cardFace = CardFaceRewrite.prepare(channel, master, moved);
        centre.revoke(CertificateKind.SIGN, oldSignSerial, RevocationCause.AFFILIATION_CHANGED);
        byte[] certificate = CertificateRenewal.renew(channel, master, centre, moved, CertificateKind.SIGN, oldSignSerial);
        cardFace.write(centre.cardDataSigner());
        return certificate;
    }
}
