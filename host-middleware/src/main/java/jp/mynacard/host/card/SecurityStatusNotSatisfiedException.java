package jp.mynacard.host.card;

/** 6982: the operation needs a PIN that has not been verified in this session. */
public final class SecurityStatusNotSatisfiedException extends CardCommandException {
    public SecurityStatusNotSatisfiedException(String command) {
        super(command + ": PIN not verified (" + StatusWords.describe(StatusWords.SW_SECURITY_STATUS_NOT_SATISFIED) + ")",
                StatusWords.SW_SECURITY_STATUS_NOT_SATISFIED, true);
    }
}
