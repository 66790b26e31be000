package jp.mynacard.host.freearea;

/** The tenant channel did not open: wrong key, or no such slot on this card — by design the two look alike. */
public final class TenantAuthenticationException extends FreeAreaException {
    public TenantAuthenticationException(String message, int statusWord) {
        super(message, statusWord);
    }
}
