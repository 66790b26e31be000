package jp.mynacard.perso.counter;

/**
 * A card ended for good (returned, never found, its holder died): both certificates revoked.
 * Suspended ones can be revoked too. No card is needed.
 */
public final class CardInvalidation {
    private final CounterCentre centre;

    public CardInvalidation(CounterCentre centre) {
        this.centre = centre;
    }

    public void invalidate(CardCertificates certificates, RevocationCause cause) {
        if (cause == RevocationCause.AFFILIATION_CHANGED) {
            throw new IllegalArgumentException("a card is not invalidated for a change of address: that renews only its "
                    + "signature certificate (address change)");
        }
        centre.revoke(CertificateKind.AUTH, certificates.authSerial(), cause);
        centre.revoke(CertificateKind.SIGN, certificates.signSerial(), cause);
    }
}
