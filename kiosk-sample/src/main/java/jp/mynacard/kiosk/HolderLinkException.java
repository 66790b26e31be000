package jp.mynacard.kiosk;

/** The centre could not tell whom a certificate belongs to: unreachable, refused, or a bad answer. */
public final class HolderLinkException extends RuntimeException {
    public HolderLinkException(String message) {
        super(message);
    }

    public HolderLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
