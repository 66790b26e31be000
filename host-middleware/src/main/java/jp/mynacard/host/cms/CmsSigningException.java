package jp.mynacard.host.cms;

/** The SignedData could not be made (not a card failure: those keep their own exception types). */
public final class CmsSigningException extends Exception {
    public CmsSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
