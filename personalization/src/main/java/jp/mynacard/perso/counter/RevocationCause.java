package jp.mynacard.perso.counter;

/** Why a counter revokes a certificate, as the RFC 5280 reason name the centre takes. */
public enum RevocationCause {
    /** The holder moved or changed name: signature certificates only. */
    AFFILIATION_CHANGED("affiliationChanged"),
    /** The card was out of the holder's hands (lost, then found): its keys are no longer trusted. */
    KEY_COMPROMISE("keyCompromise"),
    /** The card is returned or its holder died: the card is ended for good. */
    CESSATION_OF_OPERATION("cessationOfOperation");

    private final String rfcName;

    RevocationCause(String rfcName) {
        this.rfcName = rfcName;
    }

    public String rfcName() {
        return rfcName;
    }
}
