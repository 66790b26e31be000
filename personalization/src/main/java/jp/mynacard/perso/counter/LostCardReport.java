package jp.mynacard.perso.counter;

/**
 * A card reported lost or stolen: both certificates are suspended at the centre at once, so
 * nobody can use them while the card is missing. No card is needed. If the card turns up,
 * {@link FoundCard}; if not, {@link CardInvalidation}.
 */
public final class LostCardReport {
    private final CounterCentre centre;

    public LostCardReport(CounterCentre centre) {
        this.centre = centre;
    }

    public void report(CardCertificates certificates) {
        centre.suspend(CertificateKind.AUTH, certificates.authSerial());
        centre.suspend(CertificateKind.SIGN, certificates.signSerial());
    }
}
