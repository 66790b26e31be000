package jp.mynacard.kiosk;

/** How a kiosk run ended, with the exit code of {@code bin/kiosk} for each. */
public enum KioskOutcome {
    ISSUED(0),
    FAILED(1),
    USAGE(2),
    NO_CARD(3),
    /** The service refused the authentication: the card's certificate, the challenge or the signature. */
    AUTHENTICATION_REFUSED(4),
    /** The card refused the PIN, or it is locked, or it was not 4 digits. */
    PIN_REFUSED(5),
    /** Authenticated, but no resident of this municipality (or the centre has no record of the holder). */
    NOT_A_RESIDENT(6),
    /** The centre or the service could not be reached, or was busy. */
    UNAVAILABLE(7),
    /** A 印鑑登録証明書 was asked for, but the card carries no seal registration of this holder. */
    SEAL_NOT_REGISTERED(8);

    public final int exitCode;

    KioskOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The outcome of a refusal the service sent. */
    static KioskOutcome of(ServiceRefusal refusal) {
        return switch (refusal.reason()) {
            case ServiceRefusal.NOT_A_RESIDENT, ServiceRefusal.HOLDER_UNKNOWN -> NOT_A_RESIDENT;
            case ServiceRefusal.CENTRE_UNAVAILABLE, ServiceRefusal.BUSY -> UNAVAILABLE;
            case ServiceRefusal.SEAL_NOT_REGISTERED -> SEAL_NOT_REGISTERED;
            default -> AUTHENTICATION_REFUSED;
        };
    }
}
