package jp.mynacard.jlis.registry;

/** The change contradicts what already happened to the certificate, e.g. a second, different reason. */
public final class InvalidTransitionException extends RegistryException {
    public InvalidTransitionException(String message) {
        super(message);
    }
}
